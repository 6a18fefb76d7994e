#!/usr/bin/env python3
"""Checks the EPUB accessibility rules that DAISY Ace reports most on real material, without Ace.

usage: epub_a11y.py DOCEXPORT

Writes EPUBs of the sample (horizontal and vertical), the GFM sample, the feature document (images, tables,
links), docexport's own test feeds, real feeds (tests/feeds/real: HTML headings that skip levels) and a README
with image-only links, then checks every spine document:
  - heading order: the first heading is h1 and no heading is more than one level below the one before it
    (axe's heading-order); a heading moved from its source level carries the class source-hN;
  - every link has an accessible name: text, an image's alt, or aria-label (axe's link-name);
  - every img has an alt attribute (axe's image-alt);
  - the html element has lang and xml:lang;
and the package: dcterms:conformsTo "EPUB Accessibility 1.1 - WCAG 2.2 Level AA" exactly when no image lacks
alt text and the language is known (the real feeds are written once with --lang en, once without), an
accessibility summary, and the warning that explains a missing claim. A self-test first shows that
the checks find what they must. Exits 1 with the failures.
"""
import pathlib, re, subprocess, sys, tempfile, zipfile
import xml.etree.ElementTree as ET

from a11y_inputs import real_feeds, write_readme

ROOT = pathlib.Path(__file__).resolve().parents[2]
XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"
CLAIM = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
HEADING = re.compile(r"^h([1-6])$")


def local(tag):
    return tag.split("}")[-1]


def accessible_text(element):
    """The text a screen reader reads for element: its characters and its images' alt text (not ruby's rt)."""
    out = [element.text or ""]
    for child in element:
        name = local(child.tag)
        if name == "img":
            out.append(child.get("alt", ""))
        elif name not in ("rt", "rp"):
            out.append(accessible_text(child))
        out.append(child.tail or "")
    return "".join(out)


def check_document(name, root):
    """Returns the failures of one XHTML document (an ElementTree root)."""
    failures = []
    if not root.get("lang") or not root.get("{http://www.w3.org/XML/1998/namespace}lang"):
        failures.append(f"{name}: html has no lang and xml:lang")
    previous = 0
    for element in root.iter():
        tag = local(element.tag)
        m = HEADING.match(tag)
        if m:
            level = int(m.group(1))
            if level > previous + 1:
                text = accessible_text(element).strip()[:30]
                failures.append(f"{name}: h{level} '{text}' follows h{previous} (heading-order)")
            source = re.search(r"\bsource-h([1-6])\b", element.get("class", ""))
            if source and int(source.group(1)) == level:
                failures.append(f"{name}: h{level} carries source-h{level} though it was not moved")
            previous = level
        elif tag == "a" and element.get("href") is not None:
            if not accessible_text(element).strip() and not element.get("aria-label", "").strip():
                failures.append(f"{name}: a link to {element.get('href')} has no accessible name (link-name)")
        elif tag == "img" and element.get("alt") is None:
            failures.append(f"{name}: img {element.get('src')} has no alt attribute (image-alt)")
    return failures


def check_epub(path, stderr):
    failures = []
    with zipfile.ZipFile(path) as z:
        container = ET.fromstring(z.read("META-INF/container.xml"))
        opf_path = next(e.get("full-path") for e in container.iter() if local(e.tag) == "rootfile")
        opf = ET.fromstring(z.read(opf_path))
        base = pathlib.PurePosixPath(opf_path).parent
        items = {i.get("id"): i.get("href") for i in opf.iter(OPF + "item")}
        missing_alt = 0
        for ref in opf.iter(OPF + "itemref"):
            href = str(base / items[ref.get("idref")])
            root = ET.fromstring(z.read(href))
            failures += check_document(f"{path.name}:{href}", root)
            missing_alt += sum(1 for e in root.iter(XHTML + "img") if not e.get("alt", "").strip()
                               and "cover" not in href)
        metas = {}
        for m in opf.iter(OPF + "meta"):
            if m.get("property"):
                metas.setdefault(m.get("property"), []).append((m.text or "").strip())
        claimed = CLAIM in metas.get("dcterms:conformsTo", [])
        language = next((d.text or "" for d in opf.iter("{http://purl.org/dc/elements/1.1/}language")), "")
        if claimed and missing_alt:
            failures.append(f"{path.name}: claims conformance with {missing_alt} images without alt text")
        if claimed and language in ("", "und"):
            failures.append(f"{path.name}: claims conformance without a language")
        if not claimed and not missing_alt and language not in ("", "und"):
            failures.append(f"{path.name}: no conformance claim though every image has alt text and the language is known")
        if not claimed and "no accessibility conformance claim" not in stderr:
            failures.append(f"{path.name}: the claim is left out without a warning that says why")
        if not metas.get("schema:accessibilitySummary"):
            failures.append(f"{path.name}: no accessibility summary")
    return failures


def self_test():
    """The document checks find a skipped level, an unnamed link and an img without alt."""
    bad = ET.fromstring('<html xmlns="http://www.w3.org/1999/xhtml" lang="zh" xml:lang="zh"><body><h1>a</h1><h3>b</h3>'
                        '<a href="x"><img src="i.png" alt=""/></a><img src="j.png"/>'
                        '<a href="y" aria-label="y"><img src="i.png" alt=""/></a><a href="z"><img src="i.png" alt="z"/></a>'
                        '</body></html>')
    found = check_document("self-test", bad)
    assert len(found) == 3 and "heading-order" in found[0] and "link-name" in found[1] and "image-alt" in found[2], found


def main():
    exe = sys.argv[1]
    self_test()
    inputs = [
        ("sample", ["input/brief.yaml"]),
        ("sample-vertical", ["--vertical", "input/brief.yaml"]),
        ("gfm", ["tests/validate/gfm.md"]),
        ("features", ["tests/validate/data/features.md"]),
        ("rss2", ["tests/feeds/rss2-zh.rss"]),
        ("atom", ["tests/feeds/atom-zh.atom"]),
        ("issue", ["tests/feeds/issue.yaml"]),
    ]
    for p in real_feeds():
        stem = pathlib.Path(p).stem
        inputs += [(stem, [p]), (stem + "-en", ["--lang", "en", p])]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        inputs.append(("readme", [str(write_readme(tmp))]))
        for name, args in inputs:
            out = tmp / (name + ".epub")
            proc = subprocess.run([exe, "--epub", "-o", str(out)] + args, cwd=ROOT, capture_output=True, text=True)
            if proc.returncode != 0:
                failures.append(f"{name}: docexport exited {proc.returncode}: {proc.stderr[:300]}")
                continue
            if name == "readme" and "named from its target: 'ci.example.org/project/status'" not in proc.stderr:
                failures.append("readme: no warning naming the image-only link from its target")
            found = check_epub(out, proc.stderr)
            print(f"{name}: {len(found)} problems")
            failures += found
    for f in failures[:30]:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
