#!/usr/bin/env python3
"""Checks what the plain-text reader makes of one corpus article against its NAME.expect.

Usage: check.py DOCEXPORT tests/corpus/NAME.txt

Runs `DOCEXPORT --dump-model --verbose NAME.txt` and compares the model (stdout) and the diagnostics
(stderr, `file:line:col: note|warning: ...`) with NAME.expect, one directive a line (`#` starts a comment):

  title: LINE     the exact trimmed title line of the .txt (`title: -` when the article has no title)
  meta: LINE      a dateline/source/author line: neither body nor chrome (0 or more)
  drop: LINE      a site-chrome line: must be reported dropped at its line, and not be a block of its own
  block: LINE     a body line that must start a block (article lines, clause headings, subheadings, poem titles)
  verse: LINE     a body line that must end at a line break or at the end of its block
  # kind: KIND    (a comment) the kind of article, for report.py

Every other non-blank line of the .txt is BODY: its text must reach the model, in source order. Texts are
compared normalised: only letters, digits (Han and kana included) and the placeholder marks ● ○ □ are kept,
so the reader may change spacing and punctuation (half-width to full-width) but may not lose a character.

Prints every failure with the line number and text, then a one-line summary, and exits 1 on any failure.
"""
import json, os, pathlib, re, subprocess, sys, unicodedata
from dataclasses import dataclass, field

DIRECTIVES = ("title", "meta", "drop", "block", "verse")
# Placeholder marks that stand for characters (missing or shown as images) in digitised texts: content.
PLACEHOLDERS = set("●○□")
DIAG = re.compile(r"^(?P<file>.*?):(?P<line>\d+):(?P<col>\d+): (?P<level>note|warning|error): (?P<msg>.*)$")


def normalise(text):
    """Returns TEXT with only letters, digits and placeholder marks kept."""
    return "".join(c for c in text if c in PLACEHOLDERS or unicodedata.category(c)[0] in "LN")


@dataclass
class Expect:
    title: str = None
    kind: str = ""
    meta: set = field(default_factory=set)
    drop: set = field(default_factory=set)
    block: list = field(default_factory=list)
    verse: list = field(default_factory=list)
    errors: list = field(default_factory=list)


def read_expect(path):
    """Returns the directives of an .expect file; malformed lines go to .errors."""
    e = Expect()
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        s = raw.strip()
        m = re.match(r"#\s*kind:\s*(.+)$", s)
        if m:
            e.kind = m.group(1).strip()
            continue
        if not s or s.startswith("#"):
            continue
        key, sep, value = s.partition(":")
        key, value = key.strip(), value.strip()
        if not sep or key not in DIRECTIVES or not value:
            e.errors.append(f"{path.name}:{n}: not a directive: {s}")
        elif key == "title":
            if e.title is not None:
                e.errors.append(f"{path.name}:{n}: a second title")
            e.title = value
        elif key in ("meta", "drop"):
            getattr(e, key).add(value)
        else:
            getattr(e, key).append(value)
    if e.title is None:
        e.errors.append(f"{path.name}: no title directive")
    return e


def source_lines(path):
    """Returns the .txt as (line number, trimmed line) pairs, the way the reader sees it."""
    text = path.read_bytes().decode("utf-8", "replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [(n, line.strip()) for n, line in enumerate(text.split("\n"), 1)]


def inline_text(inlines):
    """Returns the plain text of model inlines; a line break is '\\n', ruby gives its base."""
    out = []
    for i in inlines:
        t = i.get("type")
        if t in ("text", "code"):
            out.append(i.get("text", ""))
        elif t == "line_break":
            out.append("\n")
        elif t == "ruby":
            out.append(inline_text(i.get("base", [])))
        else:
            out.append(inline_text(i.get("content", [])))
    return "".join(out)


def block_texts(blocks):
    """Returns the plain text of each leaf block (list items, quotes and cells flattened), in order."""
    out = []
    for b in blocks:
        t = b.get("type")
        if t in ("heading", "paragraph"):
            out.append(inline_text(b.get("content", [])))
        elif t == "image":
            out.append(inline_text(b.get("alt", [])))
        elif t == "code_block":
            out.append(b.get("text", ""))
        elif t == "block_quote":
            out.extend(block_texts(b.get("content", [])))
        elif t in ("bullet_list", "ordered_list"):
            for item in b.get("items", []):
                out.extend(block_texts(item))
        elif t == "table":
            tab = b.get("table", {})
            for row in [tab.get("header", [])] + tab.get("rows", []):
                cells = row if isinstance(row, list) else row.get("cells", [])
                for cell in cells:
                    out.append(inline_text(cell.get("content", [])))
    return out


@dataclass
class Result:
    name: str
    kind: str
    body_chars: int = 0
    lost_chars: int = 0
    drops_expected: int = 0
    drops_ok: int = 0
    blocks_expected: int = 0
    blocks_ok: int = 0
    verses_expected: int = 0
    verses_ok: int = 0
    failures: list = field(default_factory=list)

    def summary(self):
        return (f"{self.name}: body {self.body_chars} chars, lost {self.lost_chars}, "
                f"chrome {self.drops_ok}/{self.drops_expected} dropped, blocks {self.blocks_ok}/{self.blocks_expected}, "
                f"verses {self.verses_ok}/{self.verses_expected}")


def check(exe, txt):
    """Runs the reader on TXT and returns a Result with every failure."""
    txt = pathlib.Path(txt)
    expect = read_expect(txt.with_suffix(".expect"))
    kind = expect.kind or txt.stem.split("-")[0]
    r = Result(txt.stem, kind)
    r.failures.extend(expect.errors)
    lines = source_lines(txt)

    # Sort every non-blank line into title, meta, drop or body.
    present = {s for _, s in lines if s}
    for key in ("meta", "drop", "block", "verse"):
        for value in getattr(expect, key):
            if value not in present:
                r.failures.append(f"{txt.name}: `{key}: {value}` matches no line")
    if expect.title not in (None, "-") and expect.title not in present:
        r.failures.append(f"{txt.name}: `title: {expect.title}` matches no line")
    for value in set(expect.block) | set(expect.verse):
        if value in expect.drop or value in expect.meta or value == expect.title:
            r.failures.append(f"{txt.name}: `{value}` is both body (block/verse) and title/meta/drop")
    title_seen = False
    body, drops = [], []
    for n, s in lines:
        if not s:
            continue
        if s == expect.title and not title_seen:
            title_seen = True
        elif s in expect.meta:
            pass
        elif s in expect.drop:
            drops.append((n, s))
        else:
            body.append((n, s))

    # Run the reader.
    proc = subprocess.run([exe, "--dump-model", "--verbose", str(txt)], capture_output=True, timeout=120)
    stderr = proc.stderr.decode("utf-8", "replace")
    if proc.returncode not in (0, 3):
        r.failures.append(f"exit code {proc.returncode}: {stderr.strip()[:500]}")
    try:
        model = json.loads(proc.stdout.decode("utf-8"))
        section = model["sections"][0]
    except (ValueError, KeyError, IndexError) as err:
        r.failures.append(f"no model to check ({err})")
        model, section = None, {"title": [], "blocks": []}

    dropped_at = {}  # line number -> diagnostics that report the line dropped
    name = os.path.basename(str(txt))
    for d in stderr.splitlines():
        m = DIAG.match(d)
        if m and os.path.basename(m.group("file")) == name and "dropped" in m.group("msg"):
            dropped_at.setdefault(int(m.group("line")), []).append(d)

    title_text = inline_text(section.get("title", []))
    blocks = block_texts(section.get("blocks", []))

    # Title.
    if expect.title == "-":
        if normalise(title_text):
            r.failures.append(f"title: expected none, got {title_text!r}")
    elif expect.title is not None and normalise(title_text) != normalise(expect.title):
        r.failures.append(f"title: expected {expect.title!r}, got {title_text!r}")

    # Body loss: every body line, normalised, in the model text, in source order.
    model_text = normalise(title_text) + "".join(normalise(b) for b in blocks)
    cursor = 0
    for n, s in body:
        want = normalise(s)
        if not want:
            continue
        r.body_chars += len(want)
        at = model_text.find(want, cursor)
        if at >= 0:
            cursor = at + len(want)
            continue
        r.lost_chars += len(want)
        where = "out of order" if want in model_text else "lost"
        r.failures.append(f"{txt.name}:{n}: body line {where} ({len(want)} chars): {s}")
    for n, s in body:
        if n in dropped_at:
            r.failures.append(f"{txt.name}:{n}: body line reported dropped: {s}\n    {dropped_at[n][0]}")

    # Chrome: reported dropped at its line, and not a block of its own.
    r.drops_expected = len(drops)
    block_norms = [normalise(b) for b in blocks]
    for n, s in drops:
        ok = True
        if n not in dropped_at:
            ok = False
            r.failures.append(f"{txt.name}:{n}: chrome line not reported dropped: {s}")
        want = normalise(s)
        if want and (want in block_norms or want == normalise(title_text)):
            ok = False
            r.failures.append(f"{txt.name}:{n}: chrome line kept as a block of its own: {s}")
        r.drops_ok += ok

    # Blocks: each `block:` line starts a block (or is the title), in source order.
    line_of = {}
    for n, s in body:
        line_of.setdefault(s, n)
    r.blocks_expected = len(expect.block)
    cursor = 0
    for s in expect.block:
        want = normalise(s)
        hit = next((i for i in range(cursor, len(block_norms)) if block_norms[i].startswith(want)), None)
        if hit is None and normalise(title_text).startswith(want) and cursor == 0:
            r.blocks_ok += 1
            continue
        if hit is None:
            r.failures.append(f"{txt.name}:{line_of.get(s, '?')}: line does not start a block: {s}")
            continue
        r.blocks_ok += 1
        cursor = hit + 1

    # Verses: each `verse:` line ends at a line break or at the end of its block, in source order.
    segments = [normalise(seg) for b in blocks for seg in b.split("\n")]
    r.verses_expected = len(expect.verse)
    cursor = 0
    for s in expect.verse:
        want = normalise(s)
        hit = next((i for i in range(cursor, len(segments)) if segments[i].endswith(want)), None)
        if hit is None:
            r.failures.append(f"{txt.name}:{line_of.get(s, '?')}: verse line does not end at a line break: {s}")
            continue
        r.verses_ok += 1
        cursor = hit + 1
    return r


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    r = check(sys.argv[1], sys.argv[2])
    for f in r.failures:
        print("FAIL " + f)
    print(r.summary() + ("" if not r.failures else f" -- {len(r.failures)} failures"))
    return 1 if r.failures else 0


if __name__ == "__main__":
    sys.exit(main())
