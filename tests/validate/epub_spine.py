"""The text of an EPUB's spine, as the validation scripts read it (fidelity.py, commonmark_spec.py)."""
import zipfile
import xml.etree.ElementTree as ET

XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"
CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


def spine_text(path):
    """Returns the text of the EPUB's spine documents in order, one line break between documents: ruby
    annotations and <img> alt text included, the <rp> fallback parentheses, the navigation document and the
    generated cover page left out (the cover repeats the document title, often the first section's title, so it
    could stand in for a title lost from its chapter)."""
    parts = []
    with zipfile.ZipFile(path) as z:
        container = ET.fromstring(z.read("META-INF/container.xml"))
        opf_path = container.find(f".//{CONTAINER}rootfile").get("full-path")
        opf = ET.fromstring(z.read(opf_path))
        base = opf_path.rsplit("/", 1)[0] + "/" if "/" in opf_path else ""
        items = {i.get("id"): i for i in opf.iter(OPF + "item")}
        for ref in opf.iter(OPF + "itemref"):
            item = items[ref.get("idref")]
            if "nav" in (item.get("properties") or "").split():
                continue
            body = ET.fromstring(z.read(base + item.get("href"))).find(XHTML + "body")
            if body is None or any(e.get(EPUB_TYPE) == "cover" for e in body):
                continue
            walk(body, parts)
            parts.append("\n")
    return "".join(parts)


def walk(e, out):
    """Appends the text of e and its descendants in document order (an <img>'s alt in its place, <rp> left out)."""
    if e.tag != XHTML + "rp":
        if e.tag == XHTML + "img":
            out.append(e.get("alt") or "")
        out.append(e.text or "")
        for c in e:
            walk(c, out)
    out.append(e.tail or "")
