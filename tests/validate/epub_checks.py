#!/usr/bin/env python3
"""Validates the EPUBs docexport writes.

usage: epub_checks.py DOCEXPORT MODE
  epubcheck        writes the sample (horizontal, vertical, without fonts), a text article, a Markdown file,
                   the feature document (ruby, tables, links, images, Ext-B, cover image), the GFM sample
                   (footnotes, task lists, strikethrough, inline images, raw HTML phrase elements, details), the
                   text article with --annotations zhuyin and the zhuyin document (zhuyin ruby marked class="zhuyin",
                   horizontal and vertical), the real feeds of tests/feeds/real and a section large enough to be split, then runs EPUBCheck on all of them in one JVM (EpubCheckBatch.java)
  epubcheck-1000   a generated 1,000-article book (bench/generate.py): EPUBCheck, and a time bound
  deterministic    two runs with the same SOURCE_DATE_EPOCH (and two without) give identical bytes;
                   the container's first entry is an uncompressed `mimetype` without extra field
  text-order       the spine's section files hold exactly the Han characters of the model, in order
                   (sample, text article, feature document); ruby annotations and datelines excluded
  font-size        the sample's embedded subsets are under 300 KB together and hold every character shown
Run from the repository root (ctest does). Exits 1 with a message on the first failed check; the EPUBCheck modes
exit 77 (skipped) when java or the EPUBCheck jar is missing (tools.py).
"""
import json, os, pathlib, re, struct, subprocess, sys, tempfile, time, zipfile
import xml.etree.ElementTree as ET

import tools

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "validate" / "data"
SAMPLE = ROOT / "input" / "brief.yaml"
TEXT = ROOT / "input" / "000_b1834eac59d0b97b.txt"
ZHUYIN = ROOT / "tests" / "validate" / "zhuyin.md"
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
XHTML = "{http://www.w3.org/1999/xhtml}"


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def run(exe, args, env=None, timeout=300):
    proc = subprocess.run([exe] + [str(a) for a in args], capture_output=True, timeout=timeout,
                          env={**os.environ, **(env or {})})
    if proc.returncode != 0:
        fail(f"docexport {' '.join(map(str, args))} exited {proc.returncode}:\n{proc.stderr.decode()}")
    return proc


def epubcheck(paths):
    jar = tools.epubcheck_jar()
    cmd = ["java", "-cp", jar, str(ROOT / "tests" / "validate" / "EpubCheckBatch.java")] + [str(p) for p in paths]
    if tools.find("javac") is None:  # no JDK: one epubcheck per file, every message counts
        for p in paths:
            proc = subprocess.run(["java", "-jar", jar, str(p), "-u"], capture_output=True, text=True)
            print(proc.stdout + proc.stderr)
            if proc.returncode != 0 or "USAGE" in proc.stdout + proc.stderr:
                fail(f"epubcheck reported problems in {p}")
        return
    proc = subprocess.run(cmd, capture_output=True, text=True)
    print(proc.stdout + proc.stderr)
    if proc.returncode != 0:
        fail("epubcheck reported problems (see above)")


def spine_documents(epub):
    """Returns [(href, bytes)] of the spine's XHTML files, in order."""
    with zipfile.ZipFile(epub) as z:
        container = ET.fromstring(z.read("META-INF/container.xml"))
        opf_path = container.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile").get("full-path")
        opf = ET.fromstring(z.read(opf_path))
        ns = "{http://www.idpf.org/2007/opf}"
        base = posix_dir(opf_path)
        items = {i.get("id"): i.get("href") for i in opf.iter(ns + "item")}
        return [(items[r.get("idref")], z.read(base + items[r.get("idref")])) for r in opf.iter(ns + "itemref")]


def posix_dir(path):
    return path.rsplit("/", 1)[0] + "/" if "/" in path else ""


def visible_text(element, out):
    """Appends the text a reader sees as running text: no ruby annotations, datelines or figures."""
    skip = element.tag in (XHTML + "rt", XHTML + "rp", XHTML + "figure") or \
        "dateline" in (element.get("class") or "").split()
    if not skip:
        out.append(element.text or "")
        for child in element:
            visible_text(child, out)
    out.append(element.tail or "")


def spine_han(epub):
    text = []
    for href, data in spine_documents(epub):
        if not re.match(r"text/s\d+(-\d+)?\.xhtml$", href):
            continue  # the cover and the contents page are not the inputs' text
        body = ET.fromstring(data).find(XHTML + "body")
        parts = []
        visible_text(body, parts)
        text.append("".join(parts))
    return "".join(HAN.findall("".join(text)))


def model_han(exe, inputs):
    model = json.loads(run(exe, ["--dump-model"] + inputs).stdout)
    out = []

    def inlines(xs):
        for x in xs:
            if x["type"] in ("text", "code"):
                out.append(x.get("text", ""))
            elif x["type"] == "ruby":
                inlines(x.get("base", []))
            else:
                inlines(x.get("content", []))

    def blocks(bs):
        for b in bs:
            t = b["type"]
            if t in ("heading", "paragraph"):
                inlines(b.get("content", []))
            elif t in ("bullet_list", "ordered_list"):
                for item in b.get("items", []):
                    blocks(item)
            elif t == "block_quote":
                blocks(b.get("content", []))
            elif t == "table":
                table = b["table"]
                inlines(table.get("caption", []))
                for cell in table.get("header", []):
                    inlines(cell.get("content", []))
                for row in table.get("rows", []):
                    for cell in row:
                        inlines(cell.get("content", []))
            elif t == "code_block":
                out.append(b.get("text", ""))

    for s in model["sections"]:
        inlines(s.get("title", []))
        out.append(s.get("meta", {}).get("summary", ""))
        blocks(s.get("blocks", []))
    return "".join(HAN.findall("".join(out)))


def features(tmp):
    return [DATA / "features.md", DATA / "second.md"]


def big_section(tmp):
    """A Markdown article of ~700 KB, which the writer must split into several files."""
    para = "先導區建設以應用為牽引，推動人工智能與實體經濟深度融合。" * 20
    lines = ["---", "title: 長篇測試", "---", ""]
    for i in range(1, 301):
        if i % 50 == 1:
            lines += [f"## 第{i // 50 + 1}部分", ""]
        lines += [para + f"（{i}）", ""]
    lines += ["回到[第1部分](#第1部分)。", ""]
    path = tmp / "long.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def zhuyin_rubies(epub):
    """Checks that every ruby whose annotation is zhuyin is marked for it (set to the right of its base)."""
    count = 0
    for _, data in spine_documents(epub):
        for ruby in ET.fromstring(data).iter(XHTML + "ruby"):
            rt = ruby.find(XHTML + "rt")
            if rt is None or not re.search("[\u3105-\u312f]", rt.text or ""):
                continue
            count += 1
            if ruby.get("class") != "zhuyin" or rt.get("class") != "zhuyin":
                fail(f"{epub.name}: zhuyin ruby {rt.text!r} is not marked class=\"zhuyin\"")
    if count == 0:
        fail(f"{epub.name}: no zhuyin ruby")


def mode_epubcheck(exe, tmp):
    tools.require("java", "epubcheck")
    outs = []

    def make(name, args):
        out = tmp / name
        run(exe, ["--epub", "-o", out] + args)
        outs.append(out)
        return out

    make("sample.epub", [SAMPLE])
    make("sample-vertical.epub", ["--vertical", SAMPLE])
    make("sample-no-fonts.epub", ["--no-embed-fonts", SAMPLE])
    make("text.epub", ["--annotations", "ruby", TEXT])
    # Zhuyin: the seed's pinyin converted, and a zhuyin document (Markdown ruby syntax), in both directions.
    for name, args in [("text-zhuyin", ["--annotations", "zhuyin", TEXT]),
                       ("text-zhuyin-vertical", ["--vertical", "--annotations", "zhuyin", TEXT]),
                       ("zhuyin", [ZHUYIN]), ("zhuyin-vertical", ["--vertical", ZHUYIN])]:
        zhuyin_rubies(make(name + ".epub", args))
    make("markdown.epub", [ROOT / "input" / "zones" / "beijing.md"])
    make("features.epub", ["--cover", DATA / "cover.png", "--publisher", "測試出版社", "--author", "甲", "--author", "乙"]
         + features(tmp))
    make("features-vertical-sans.epub", ["--vertical", "--style", "brief-sans"] + features(tmp))
    make("gfm.epub", [ROOT / "tests" / "validate" / "gfm.md"])
    make("gfm-vertical.epub", ["--vertical", ROOT / "tests" / "validate" / "gfm.md"])
    # Real feeds (HTML headings that skip levels, many links): heading classes, link names, the a11y claim.
    for feed in sorted((ROOT / "tests" / "feeds" / "real").glob("*.*")):
        if feed.suffix in (".rss", ".atom"):
            make("real-" + feed.stem + ".epub", ["--lang", "en", feed])   # English feeds that do not say so
    long = make("long.epub", [big_section(tmp)])
    parts = [h for h, _ in spine_documents(long) if h.startswith("text/s0001")]
    if len(parts) < 3:
        fail(f"a ~700 KB section should be split into 3 or more files, got {parts}")
    epubcheck(outs)


def mode_epubcheck_1000(exe, tmp):
    tools.require("java", "epubcheck")
    subprocess.run([sys.executable, ROOT / "bench" / "generate.py", tmp / "corpus", "1000"], check=True)
    out = tmp / "book.epub"
    start = time.monotonic()
    run(exe, ["--epub", "-o", out, tmp / "corpus" / "1000" / "book.yaml"])
    elapsed = time.monotonic() - start
    print(f"1,000 articles: {elapsed:.2f} s, {out.stat().st_size // 1024} KB")
    if elapsed > 30:
        fail(f"writing 1,000 articles took {elapsed:.1f} s")
    epubcheck([out])


def mode_deterministic(exe, tmp):
    for env, label in (({"SOURCE_DATE_EPOCH": "1700000000"}, "SOURCE_DATE_EPOCH"), ({}, "the document date")):
        a, b = tmp / "a.epub", tmp / "b.epub"
        run(exe, ["--epub", "-o", a, SAMPLE], env)
        time.sleep(1.1)
        run(exe, ["--epub", "-o", b, SAMPLE], env)
        if a.read_bytes() != b.read_bytes():
            fail(f"two runs with {label} gave different bytes")
    with zipfile.ZipFile(a) as z:
        first = z.infolist()[0]
        if first.filename != "mimetype" or first.compress_type != zipfile.ZIP_STORED or z.read("mimetype") != b"application/epub+zip":
            fail("the first entry must be an uncompressed mimetype")
        stamp = z.getinfo("EPUB/package.opf").date_time
    head = a.read_bytes()[:64]
    name_len, extra_len = struct.unpack("<HH", head[26:30])
    if head[:4] != b"PK\x03\x04" or head[30:30 + name_len] != b"mimetype" or extra_len != 0:
        fail("the mimetype entry must have no extra field")
    run(exe, ["--epub", "-o", a, SAMPLE], {"SOURCE_DATE_EPOCH": "1700000000"})
    with zipfile.ZipFile(a) as z:
        if z.getinfo("EPUB/package.opf").date_time != (2023, 11, 14, 22, 13, 20):
            fail("SOURCE_DATE_EPOCH=1700000000 should stamp 2023-11-14 22:13:20")
        if b"2023-11-14T22:13:20Z" not in z.read("EPUB/package.opf"):
            fail("dcterms:modified should come from SOURCE_DATE_EPOCH")
    if stamp != (2021, 2, 20, 0, 0, 0):
        fail(f"without SOURCE_DATE_EPOCH entries should carry the document date 2021-02-20, got {stamp}")
    print("deterministic: ok")


def mode_text_order(exe, tmp):
    cases = [([SAMPLE], []), ([TEXT], ["--annotations", "ruby"]), (features(tmp), []), ([SAMPLE], ["--vertical"])]
    for inputs, options in cases:
        out = tmp / "t.epub"
        run(exe, ["--epub", "-o", out] + options + inputs)
        want = model_han(exe, [o for o in options if o != "--vertical"] + inputs)
        got = spine_han(out)
        if got != want:
            i = next((k for k in range(min(len(got), len(want))) if got[k] != want[k]), min(len(got), len(want)))
            fail(f"{[str(p) for p in inputs]}: spine Han text differs from the model at {i}: "
                 f"model …{want[max(0, i - 10):i + 10]}… spine …{got[max(0, i - 10):i + 10]}… "
                 f"({len(want)} vs {len(got)} characters)")
        print(f"text-order {[p.name for p in inputs]} {options}: {len(got)} Han characters in order")


def mode_font_size(exe, tmp):
    out = tmp / "sample.epub"
    proc = run(exe, ["--epub", "-v", "-o", out, SAMPLE])
    notes = [l for l in proc.stderr.decode().splitlines() if "embedded font" in l]
    print("\n".join(notes))
    with zipfile.ZipFile(out) as z:
        fonts = {i.filename: i.file_size for i in z.infolist() if i.filename.startswith("EPUB/fonts/")}
        total = sum(fonts.values())
        print(f"font subsets: {fonts}, {total // 1024} KB together; EPUB {out.stat().st_size // 1024} KB")
        if not fonts:
            fail("no font embedded")
        if total >= 300 * 1024:
            fail(f"the sample's font subsets are {total} bytes, over 300 KB")
        css = z.read("EPUB/styles/book.css").decode()
        for name in fonts:
            if name[len("EPUB/"):] not in css:
                fail(f"{name} has no @font-face rule")
    if len(notes) != len(fonts):
        fail("--verbose should report each embedded font's size")


def main():
    exe, mode = sys.argv[1], sys.argv[2]
    modes = {"epubcheck": mode_epubcheck, "epubcheck-1000": mode_epubcheck_1000, "deterministic": mode_deterministic,
             "text-order": mode_text_order, "font-size": mode_font_size}
    with tempfile.TemporaryDirectory() as tmp:
        modes[mode](exe, pathlib.Path(tmp))


if __name__ == "__main__":
    main()
