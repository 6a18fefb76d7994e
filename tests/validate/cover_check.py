#!/usr/bin/env python3
"""Checks the generated cover of the EPUB and the cover page of the PDF.

usage: cover_check.py DOCEXPORT epub|pdf

epub: the EPUB of input/brief.yaml (title, subtitle, authors, publisher, date) and of small Markdown files:
  - the package has a PNG item with properties="cover-image" and <meta name="cover"> names it; the cover page
    shows it with the title as its alt text;
  - the PNG is 1600 x 2560, 8-bit palette, with only IHDR, PLTE, IDAT and IEND chunks (nothing that could
    vary between runs), under 150 KB, and the same bytes when made again in another process;
  - decoded (zlib, by hand: no imaging library needed), it has dark ink in the title band, and in the foot
    band only when there is a publisher or a date;
  - --cover generated makes the generated cover even when the manifest names an image;
  - a title of nine characters that fits eight to a line (全國人工智能先導區) is set in two lines of which the
    second is at least 0.4 of the first (first fit would leave 區 alone: 1/8), and a title of three
    characters in one line.
pdf: the PDF of a Markdown file with and without a cover:
  - without --cover no page has an image, and page 1 is the title page;
  - --cover generated: one page more, page 1 holds one image of 1600 x 2263 (A4's proportions) and no text,
    drawn to the page's edges (its corners, rendered by pdftoppm, are the cover's paper colour, not white);
    page 2 has the title;
  - --cover tests/validate/data/cover.png: page 1 holds that 60 x 90 image.
Exit 0 when everything holds, 1 with the failures printed, 77 when a tool is missing (tools.py).
"""
import pathlib, re, subprocess, sys, tempfile, zipfile, zlib

import tools

ROOT = pathlib.Path(__file__).resolve().parents[2]
DARK = 110          # luminance below which a pixel is ink
PAPER = (0xF4, 0xF0, 0xE6)


def run(exe, args, env=None):
    proc = subprocess.run([exe] + [str(a) for a in args], capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"FAIL: docexport {' '.join(map(str, args))} exited {proc.returncode}: {proc.stderr}")
    return proc


def chunks(png):
    """Returns [(type, data)] of a PNG file's chunks."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    out, at = [], 8
    while at + 8 <= len(png):
        length = int.from_bytes(png[at:at + 4], "big")
        out.append((png[at + 4:at + 8].decode("latin-1"), png[at + 8:at + 8 + length]))
        at += 12 + length
    return out


def decode(png):
    """Returns (width, height, rows of luminance 0-255) of an 8-bit palette or grey PNG."""
    parts = chunks(png)
    ihdr = dict(parts)["IHDR"]
    width, height = int.from_bytes(ihdr[0:4], "big"), int.from_bytes(ihdr[4:8], "big")
    depth, colour, interlace = ihdr[8], ihdr[9], ihdr[12]
    if depth != 8 or colour not in (0, 3) or interlace != 0:
        raise ValueError(f"unexpected PNG format: depth {depth}, colour type {colour}, interlace {interlace}")
    raw = zlib.decompress(b"".join(d for t, d in parts if t == "IDAT"))
    palette = dict(parts).get("PLTE", b"")
    lum = [(palette[3 * i] * 299 + palette[3 * i + 1] * 587 + palette[3 * i + 2] * 114) // 1000
           for i in range(len(palette) // 3)] if colour == 3 else list(range(256))
    rows, previous, stride = [], bytearray(width), width + 1
    for y in range(height):
        kind, line = raw[y * stride], bytearray(raw[y * stride + 1:(y + 1) * stride])
        for x in range(width):
            a = line[x - 1] if x else 0
            b, c = previous[x], previous[x - 1] if x else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        previous = line
        rows.append([lum[v] for v in line])
    return width, height, rows


def ink_bands(rows, top, bottom):
    """Returns [(first row, last row, leftmost x, rightmost x)] of the runs of rows in [top, bottom) that hold ink."""
    bands, current = [], None
    for y in range(top, bottom):
        xs = [x for x, v in enumerate(rows[y]) if v < DARK]
        if xs:
            if current and y - current[1] <= 12:
                current = [current[0], y, min(current[2], xs[0]), max(current[3], xs[-1])]
            else:
                if current:
                    bands.append(tuple(current))
                current = [y, y, xs[0], xs[-1]]
    if current:
        bands.append(tuple(current))
    return bands


def epub_cover(epub, failures, name):
    """Returns the cover PNG of epub after checking how the package and the cover page name it."""
    with zipfile.ZipFile(epub) as z:
        opf = z.read("EPUB/package.opf").decode("utf-8")
        page = z.read("EPUB/text/cover.xhtml").decode("utf-8")
        item = re.search(r'<item id="([^"]+)" href="([^"]+)" media-type="image/png" properties="cover-image"', opf)
        if not item:
            failures.append(f"{name}: no PNG item with properties=\"cover-image\" in package.opf")
            return None
        if f'<meta name="cover" content="{item.group(1)}"' not in opf:
            failures.append(f"{name}: <meta name=\"cover\"> does not name the cover image")
        title = re.search(r"<dc:title[^>]*>([^<]*)<", opf).group(1)
        if f'<img src="../{item.group(2)}" alt="{title}"' not in page:
            failures.append(f"{name}: the cover page does not show {item.group(2)} with the title as alt text")
        return z.read("EPUB/" + item.group(2))


def check_epub(exe, tmp, failures):
    brief = tmp / "brief.epub"
    run(exe, ["--epub", "-o", brief, ROOT / "input/brief.yaml"])
    png = epub_cover(brief, failures, "brief")
    if png is None:
        return
    kinds = [t for t, _ in chunks(png)]
    if kinds[0] != "IHDR" or kinds[1] != "PLTE" or kinds[-1] != "IEND" or set(kinds[2:-1]) != {"IDAT"}:
        failures.append(f"brief: PNG chunks {kinds}, expected IHDR PLTE IDAT... IEND")
    if len(png) > 150_000:
        failures.append(f"brief: the cover PNG has {len(png)} bytes, more than 150 KB")
    print(f"brief: cover PNG of {len(png)} bytes")
    again = tmp / "again.epub"
    run(exe, ["--epub", "-o", again, ROOT / "input/brief.yaml"])
    if epub_cover(again, [], "again") != png:
        failures.append("brief: a second run made a different cover PNG")
    width, height, rows = decode(png)
    if (width, height) != (1600, 2560):
        failures.append(f"brief: the cover is {width} x {height}, expected 1600 x 2560")
        return
    title = ink_bands(rows, int(height * 0.19), int(height * 0.45))
    foot = ink_bands(rows, int(height * 0.78), int(height * 0.92))
    if not title:
        failures.append("brief: no ink in the title band")
    if not foot:
        failures.append("brief: no ink in the foot band, which shows the date and the publisher")
    if rows[0][0] < 200 or rows[-1][-1] < 200:
        failures.append("brief: the cover's corners are dark")

    # A document without publisher or date has nothing in the foot band.
    bare = tmp / "bare.md"
    bare.write_text("# 第一章\n\n正文。\n", encoding="utf-8")
    out = tmp / "bare.epub"
    run(exe, ["--epub", "--title", "全國人工智能先導區", "-o", out, bare])
    png = epub_cover(out, failures, "bare")
    if png is None:
        return
    width, height, rows = decode(png)
    if ink_bands(rows, int(height * 0.7), height):
        failures.append("bare: ink in the lower part of a cover without authors, publisher or date")
    lines = [b for b in ink_bands(rows, int(height * 0.19), int(height * 0.6)) if b[1] - b[0] > 100]
    if len(lines) != 2:
        failures.append(f"bare: the title 全國人工智能先導區 is set in {len(lines)} lines, expected 2")
    else:
        first, second = (b[3] - b[2] for b in lines)
        print(f"bare: title lines {first} and {second} pixels wide")
        if second < 0.4 * first:
            failures.append(f"bare: the title's second line is {second} pixels wide, the first {first}: unbalanced")

    # --cover generated wins over a manifest's cover image (60 x 90).
    book = tmp / "book.yaml"
    book.write_text(f"title: 封面測試\ncover: {ROOT / 'tests/validate/data/cover.png'}\ncontents:\n  - {bare}\n",
                    encoding="utf-8")
    for args, size in (([], (60, 90)), (["--cover", "generated"], (1600, 2560))):
        out = tmp / "book.epub"
        run(exe, ["--epub"] + args + ["-o", out, book])
        png = epub_cover(out, failures, "manifest")
        ihdr = dict(chunks(png))["IHDR"] if png else b"\0" * 8
        got = (int.from_bytes(ihdr[0:4], "big"), int.from_bytes(ihdr[4:8], "big"))
        if got != size:
            failures.append(f"manifest cover with {args}: the cover image is {got[0]} x {got[1]}, expected {size[0]} x {size[1]}")

    out = tmp / "short.epub"
    run(exe, ["--epub", "--title", "簡報集", "-o", out, bare])
    png = epub_cover(out, failures, "short")
    if png is not None:
        width, height, rows = decode(png)
        lines = [b for b in ink_bands(rows, int(height * 0.19), int(height * 0.6)) if b[1] - b[0] > 100]
        if len(lines) != 1:
            failures.append(f"short: the title 簡報集 is set in {len(lines)} lines, expected 1")


def page_images(pdf):
    """Returns {page: [(width, height)]} from pdfimages -list."""
    out = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    images = {}
    for line in out.splitlines()[2:]:
        f = line.split()
        if f[2] == "image":
            images.setdefault(int(f[0]), []).append((int(f[3]), int(f[4])))
    return images


def page_count(pdf):
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def page_text(pdf, page):
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def corners(pdf, tmp):
    """Returns the RGB of page 1's four corner pixels, rendered at 20 dpi."""
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "20", str(pdf), str(tmp / "page")], check=True)
    ppm = next(tmp.glob("page*.ppm")).read_bytes()
    header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", ppm)
    w, h, data = int(header.group(1)), int(header.group(2)), ppm[header.end():]
    return [tuple(data[3 * (y * w + x):3 * (y * w + x) + 3]) for x, y in ((0, 0), (w - 1, 0), (0, h - 1), (w - 1, h - 1))]


def check_pdf(exe, tmp, failures):
    tools.require("pdfimages", "pdftoppm", "pdfinfo", "pdftotext")
    source = tmp / "doc.md"
    source.write_text("---\ntitle: 全國人工智能先導區\npublisher: 測試出版社\n---\n\n# 第一章\n\n正文。\n",
                      encoding="utf-8")
    plain = tmp / "plain.pdf"
    run(exe, ["--pdf", "-o", plain, source])
    if page_images(plain):
        failures.append("no cover: the PDF has images")
    if "全國人工智能先導區" not in page_text(plain, 1).replace("\n", ""):
        failures.append("no cover: page 1 is not the title page")

    generated = tmp / "generated.pdf"
    run(exe, ["--pdf", "--cover", "generated", "-o", generated, source])
    if page_count(generated) != page_count(plain) + 1:
        failures.append(f"generated: {page_count(generated)} pages, expected one more than {page_count(plain)}")
    images = page_images(generated)
    if images.get(1) != [(1600, 2263)]:
        failures.append(f"generated: page 1 holds {images.get(1)}, expected one image of 1600 x 2263")
    if page_text(generated, 1).strip():
        failures.append("generated: the cover page has text")
    if "全國人工智能先導區" not in page_text(generated, 2).replace("\n", ""):
        failures.append("generated: page 2 is not the title page")
    render = tmp / "render"
    render.mkdir()
    for c in corners(generated, render):
        if any(abs(a - b) > 6 for a, b in zip(c, PAPER)):
            failures.append(f"generated: a corner of the cover page is {c}, not the cover's paper {PAPER}")
            break

    given = tmp / "given.pdf"
    run(exe, ["--pdf", "--cover", ROOT / "tests/validate/data/cover.png", "-o", given, source])
    if page_images(given).get(1) != [(60, 90)]:
        failures.append(f"given: page 1 holds {page_images(given).get(1)}, expected the 60 x 90 cover image")


def main():
    exe, mode = sys.argv[1], sys.argv[2]
    failures = []
    with tempfile.TemporaryDirectory() as d:
        tmp = pathlib.Path(d)
        if mode == "epub":
            check_epub(exe, tmp, failures)
        elif mode == "pdf":
            check_pdf(exe, tmp, failures)
        else:
            raise SystemExit(f"unknown mode {mode}")
    for f in failures:
        print("FAIL:", f)
    print(f"cover_check {mode}: {'failed' if failures else 'ok'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
