#!/usr/bin/env python3
"""Extracts the examples of the CommonMark spec (spec.txt) as JSON, in the format of the spec's own test tooling.

usage: extract_commonmark_spec.py SPEC.TXT > commonmark-spec.json

spec.txt marks each example with a line of 32 backticks followed by ` example`, then the Markdown, a line
holding only `.`, the expected HTML, and a closing line of 32 backticks. `→` stands for a tab in both parts.
Each example gets its number (1-based, in order), the first and last line of its fence and the text of the
last ATX heading before it (its section).
"""
import json, re, sys

FENCE = "`" * 32
HEADING = re.compile(r"^#{1,6} +(.*?)\s*$")


def extract(lines):
    """Returns the examples of spec.txt's lines as a list of dicts."""
    examples, section, state, part, start = [], "", "prose", None, 0
    for number, line in enumerate(lines, 1):
        bare = line.rstrip("\n")
        if state == "prose":
            if bare == FENCE + " example":
                state, part, start = "markdown", {"markdown": [], "html": []}, number
            else:
                m = HEADING.match(bare)
                if m:
                    section = m.group(1)
        elif bare == FENCE:
            examples.append({"markdown": "".join(part["markdown"]).replace("→", "\t"),
                             "html": "".join(part["html"]).replace("→", "\t"),
                             "example": len(examples) + 1, "start_line": start, "end_line": number,
                             "section": section})
            state = "prose"
        elif state == "markdown" and bare == ".":
            state = "html"
        else:
            part[state].append(line)
    if state != "prose":
        sys.exit(f"spec.txt: example starting at line {start} is not closed")
    return examples


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8", newline="\n") as f:
        examples = extract(f.readlines())
    json.dump(examples, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
