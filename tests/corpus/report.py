#!/usr/bin/env python3
"""Runs check.py's checks on every corpus article and prints a table.

Usage: report.py DOCEXPORT [FILE.txt...]   (default: every tests/corpus/*.txt)
Columns: file, kind, body characters, body characters lost, chrome lines dropped/expected, blocks and
verses found/expected, number of failures. Exits 1 when any file fails.
"""
import pathlib, sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import check  # noqa: E402


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    exe = sys.argv[1]
    files = sys.argv[2:] or sorted(str(p) for p in pathlib.Path(__file__).resolve().parent.glob("*.txt"))
    rows, total_body, total_lost, failing = [], 0, 0, 0
    for f in files:
        r = check.check(exe, f)
        rows.append((r.name, r.kind, str(r.body_chars), str(r.lost_chars), f"{r.drops_ok}/{r.drops_expected}",
                     f"{r.blocks_ok}/{r.blocks_expected}", f"{r.verses_ok}/{r.verses_expected}", str(len(r.failures))))
        total_body += r.body_chars
        total_lost += r.lost_chars
        failing += bool(r.failures)
    head = ("file", "kind", "body", "lost", "chrome", "blocks", "verses", "failures")
    widths = [max(len(x) for x in col) for col in zip(head, *rows)]
    fmt = lambda row: "  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))
    print(fmt(head))
    print(fmt(["-" * w for w in widths]))
    for row in rows:
        print(fmt(row))
    print(f"{len(rows)} files, {len(rows) - failing} pass, {failing} fail; body {total_body} chars, lost {total_lost} "
          f"({100.0 * total_lost / max(total_body, 1):.1f}%)")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
