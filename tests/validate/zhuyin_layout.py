#!/usr/bin/env python3
"""Checks where zhuyin ruby goes in the PDF's layout (docexport --dump-layout).

usage: zhuyin_layout.py DOCEXPORT INPUT [OPTION...]   (options for every run, e.g. --annotations zhuyin)

Horizontal text: every zhuyin annotation is set at 0.3 of its base's size, starts (its first glyph's top) inside
the em box of the line it belongs to, right of the line's start and at most one column past its last glyph: a
column beside its base, not a row over it (pinyin's place). Vertical text (--vertical): it sits right of its column (a larger x),
within one base size of it. Every annotation of the model is drawn (a zhuyin syllable per character of a word
beside each character). Exits 1 with the failures.
"""
import json, re, subprocess, sys

from layout_dump import COLUMN, LINE, RUBY

ZHUYIN = re.compile("^[\u3100-\u312f\u31a0-\u31bf\u02c9\u02ca\u02c7\u02cb\u02d9]+$")


def rows(dump, line_re):
    """Yields (page, [line tuples], [ruby tuples]) per page."""
    page = None
    for text in dump.splitlines() + ["page end"]:
        if text.startswith("page "):
            if page is not None:
                yield page
            page = ([], [])
        elif page is not None:
            m = line_re.match(text)
            if m:
                page[0].append(tuple(float(v) for v in m.groups()[:4]) + (m.group(5),))
            m = RUBY.match(text)
            if m:
                page[1].append((float(m.group(1)), float(m.group(2)), float(m.group(3)), m.group(4)))


def main():
    exe, source, options = sys.argv[1], sys.argv[2], sys.argv[3:]
    failures = []
    model = json.loads(subprocess.run([exe, "--dump-model", *options, source], capture_output=True, text=True, check=True).stdout)
    wanted = []

    def walk(node):
        if isinstance(node, dict):
            annotation = node.get("annotation", "")
            if node.get("type") == "ruby" and ZHUYIN.match(annotation):
                wanted.append(annotation)
            elif node.get("type") == "ruby":
                # A syllable per character of a plain base ({臺灣|ㄊㄞˊ ㄨㄢ}) is set beside each character.
                base = "".join(b.get("text", "") for b in node.get("base", []) if b.get("type") == "text")
                syllables = annotation.split()
                if len(syllables) == len(base) > 1 and all(ZHUYIN.match(s) for s in syllables):
                    wanted.extend(syllables)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(model["sections"])
    if not wanted:
        failures.append(f"{source} has no zhuyin ruby")
    for vertical in (False, True):
        mode = "vertical" if vertical else "horizontal"
        args = [exe, "--dump-layout", *options] + (["--vertical"] if vertical else []) + [source]
        dump = subprocess.run(args, capture_output=True, text=True, check=True).stdout
        seen = []
        for lines, rubies in rows(dump, COLUMN if vertical else LINE):
            for y, x, size, text in rubies:
                if not ZHUYIN.match(text):
                    continue
                seen.append(text)
                if vertical:
                    # Columns: (x centre, top, length, size, text); the annotation right of its column.
                    owner = [c for c in lines if c[1] <= y <= c[1] + c[2] + c[3] and 0 < x - c[0] <= c[3]]
                    if not owner:
                        failures.append(f"{mode}: {text} at x {x} y {y} is not right of a column of text")
                        continue
                else:
                    # Lines: (baseline, left, width of the glyphs, size, text); the annotation's top inside the em
                    # box, its column's centre right of the line's start and at most a column past its last glyph.
                    owner = [l for l in lines if l[0] - 0.88 * l[3] - 0.5 <= y <= l[0] + 0.12 * l[3]
                             and l[1] < x <= l[1] + l[2] + 0.6 * l[3]]
                    if not owner:
                        failures.append(f"{mode}: {text} at x {x} y {y} is not beside a base in a line")
                        continue
                base = owner[0][3]
                if abs(size - 0.3 * base) > 0.01:
                    failures.append(f"{mode}: {text} is {size} pt, not 0.3 of its base's {base} pt")
        if sorted(seen) != sorted(wanted):
            failures.append(f"{mode}: {len(seen)} zhuyin annotations drawn, {len(wanted)} in the model")
        print(f"{mode}: {len(seen)} zhuyin annotations checked")
    for f in failures[:20]:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
