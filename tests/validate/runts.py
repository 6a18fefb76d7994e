#!/usr/bin/env python3
"""Finds runts in the PDF's layout: a paragraph's last line that holds a single character before its closing
punctuation (地。), on the pages that docexport --dump-layout describes.

usage: runts.py DOCEXPORT INPUT...   (each input laid out horizontally and, with --vertical, in columns)

A line is a paragraph's last line with one character when its text is one Han character (or letter or figure)
followed only by closing or end punctuation, and the line before it on the page, in the same size, is a full
line of the same paragraph: close above it (within two line heights) and as long as the longest line of that
size on the page, less one character. A one-character paragraph (a list item 一, a verse line) is no runt.
Exits 1 listing the runts found; prints how many last lines were checked.
"""
import re, subprocess, sys
from concurrent.futures import ThreadPoolExecutor

from layout_dump import COLUMN, LINE

CLOSING = "、，。．：；？！）」』】〕〉》”’…—"
RUNT = re.compile(r"^[^\s" + re.escape(CLOSING) + r"][" + re.escape(CLOSING) + r"]+$")


def pages(dump, vertical):
    """Yields each page's text lines as (position across, start along, length along, size, text), in order."""
    page = None
    for text in dump.splitlines() + ["page end"]:
        if text.startswith("page "):
            if page:
                yield page
            page = []
            continue
        if page is None:
            continue
        m = (COLUMN if vertical else LINE).match(text)
        if not m:
            continue
        a, b, length, size = (float(v) for v in m.groups()[:4])
        # Horizontal rows: y baseline, x left, w; columns: x centre (right to left), y top, h.
        across, along = (-a, b) if vertical else (a, b)
        page.append((across, along, length, size, m.group(5)))


def runts(dump, vertical):
    found, checked = [], 0
    for lines in pages(dump, vertical):
        longest = {}
        for across, along, length, size, text in lines:
            longest[size] = max(longest.get(size, 0), along + length)
        for i in range(1, len(lines)):
            across, along, length, size, text = lines[i]
            prev = lines[i - 1]
            if prev[3] != size or not 0 < across - prev[0] <= 2.2 * size:
                continue
            if prev[1] + prev[2] < longest[size] - size:   # the line before is short: a paragraph of its own
                continue
            checked += 1
            if RUNT.match(text.strip()):
                found.append(f"{prev[4][-12:]} | {text}")
    return found, checked


def check(exe, source):
    out = []
    for vertical in (False, True):
        args = [exe, "--dump-layout"] + (["--vertical"] if vertical else []) + [source]
        p = subprocess.run(args, capture_output=True, text=True)
        if p.returncode != 0:
            out.append((source, vertical, [f"docexport exited {p.returncode}: {p.stderr[-300:]}"], 0))
            continue
        found, checked = runts(p.stdout, vertical)
        out.append((source, vertical, found, checked))
    return out


def main():
    exe, inputs = sys.argv[1], sys.argv[2:]
    assert runts("page 1\n  1 y 100 x 70 w 400 f1/10 一二三四五六七八九十\n  2 y 118 x 70 w 20 f1/10 地。\n", False)[0], \
        "the check must find a runt"
    assert not runts("page 1\n  1 y 100 x 70 w 400 f1/10 一二三四五六七八九十\n  2 y 118 x 70 w 30 f1/10 大地。\n", False)[0]
    failures, checked = [], 0
    with ThreadPoolExecutor(max_workers=2) as pool:
        for results in pool.map(lambda s: check(exe, s), inputs):
            for source, vertical, found, n in results:
                checked += n
                failures += [f"{source}{' (vertical)' if vertical else ''}: {f}" for f in found]
    print(f"{len(inputs)} inputs, horizontal and vertical: {checked} lines after a full line checked, {len(failures)} runts")
    for f in failures[:30]:
        print("runt:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
