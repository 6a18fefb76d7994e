#!/usr/bin/env python3
"""Checks the machine-checkable rules of tagged PDF, PDF/UA-1 (ISO 14289-1, Matterhorn Protocol 1.1) and
PDF/A-2u (ISO 19005-2) on a PDF, without veraPDF.

usage: pdf_tagged.py [--standard none|ua-1|a-2u|a-2u+ua-1] [--dump] FILE.pdf
       pdf_tagged.py --run DOCEXPORT [--standard MODE] -- ARGS...
         runs DOCEXPORT --pdf [--pdf-standard MODE] -o TMP.pdf ARGS (no --pdf-standard for none), then checks TMP.pdf

Prints one line per violation, `FILE: rule: detail`, and exits 1 when there is one, 0 when there is none, 77 when
qpdf or pdfinfo is missing (tools.py). --dump prints the structure tree in reading order instead: one line per
structure element, indented by depth, with its role (the standard role after the /RoleMap, the written one in
brackets when it differs), /Alt, /ActualText, /Lang, /Scope and the text of the marked content it holds.

The PDF is read twice, independently: qpdf --json (every object, the content streams decoded) for all the rules, and
poppler's pdfinfo, which must say `Tagged: yes` and whose -struct listing must give the same sequence of roles.

Always checked (docexport tags every PDF):
  - catalog: /MarkInfo /Marked true, /Lang, /StructTreeRoot with /ParentTree, /ViewerPreferences /DisplayDocTitle
    true, Info /Title, XMP dc:title equal to it;
  - content: every text, image, inline image, path painting and shading operator of the pages and of the form
    XObjects they draw (recursively) is in /Artifact marked content or in marked content with an /MCID; no artifact
    within tagged content nor tagged content within an artifact; BMC/BDC/EMC balanced per stream; MCIDs not nested,
    unique per page (or per form XObject with /StructParents);
  - structure: each MCID reaches its structure element through the ParentTree (a number tree), that element holds
    it in /K, and it is reachable from the StructTreeRoot; each marked-content reference of the tree is in the content;
    structure types resolved through /RoleMap (no cycle, no unmapped non-standard type);
  - links: /Contents, /StructParent to a Link element with an OBJR to the annotation; pages with annotations /Tabs /S;
  - headings: H1..H6 never skip a level going down, the first one is H1, not mixed with H;
  - tables: a TH in every Table, TH with a /Scope (Column, Row or Both) in a Table attribute object, TR under
    Table/THead/TBody/TFoot, TH/TD under TR; lists: LI under L, Lbl/LBody under LI; Figure and Formula have /Alt or
    /ActualText;
  - fonts: embedded (FontFile, FontFile2 or FontFile3; Type 3 excepted), /ToUnicode, and every code shown with the
    font maps to Unicode through it (not to nothing, U+0000, U+FEFF or U+FFFE).
With ua-1: XMP pdfuaid:part 1 (http://www.aiim.org/pdfua/ns/id/) and dc:title; every annotation but Popup tagged.
With a-2u: XMP pdfaid:part 2 and pdfaid:conformance U (http://www.aiim.org/pdfa/ns/id/); an /OutputIntents entry
/S /GTS_PDFA1 with an ICC /DestOutputProfile of /N 3; trailer /ID and no /Encrypt; standard blend modes only, and no
transparency at all (docexport's rule, stricter than ISO 19005-2, which allows it); Info entries equal to their XMP
properties (dates as instants); no JavaScript; annotations printable and not hidden; no LZW; the XMP packet header
without bytes or encoding attributes; every XMP property predefined or declared by a PDF/A extension schema (pdfuaid
needs one).
"""
import argparse, base64, collections, datetime, json, os, pathlib, re, shutil, subprocess, sys, tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import tools  # noqa: E402

STANDARDS = ("none", "ua-1", "a-2u", "a-2u+ua-1")

# ISO 32000-1 14.8.4 standard structure types.
STANDARD_TYPES = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index", "NonStruct", "Private",
    "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "THead",
    "TBody", "TFoot", "Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT",
    "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form"}

TEXT_OPS = {"Tj", "TJ", "'", '"'}
PATH_PAINT_OPS = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh"}

XMP_NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
}


# ---------------------------------------------------------------------------------------------------------------
# The PDF through qpdf --json (version 2): objects keyed "obj:N G R", names "/X", strings "u:text" or "b:hex",
# references "N G R"; streams {"stream": {"dict", "data"}} with the data base64 and, where qpdf could, decoded.

REF = re.compile(r"^(\d+) (\d+) R$")


class Stream:
    def __init__(self, objnum, d, data, raw_dict):
        self.objnum, self.dict, self.data, self.raw_dict = objnum, d, data, raw_dict

    def get(self, key, default=None):
        return self.dict.get(key, default)


def is_ref(v):
    return isinstance(v, str) and REF.match(v) is not None


def refnum(v):
    m = REF.match(v) if isinstance(v, str) else None
    return int(m.group(1)) if m else None


def is_name(v):
    return isinstance(v, str) and v.startswith("/")


def name(v):
    return v[1:] if is_name(v) else None


def text(v):
    """A PDF text string (or a name) as Python text; None for anything else."""
    if not isinstance(v, str):
        return None
    if v.startswith("u:"):
        return v[2:]
    if v.startswith("b:"):
        b = bytes.fromhex(v[2:])
        if b[:2] == b"\xfe\xff":
            return b[2:].decode("utf-16-be", "replace")
        if b[:3] == b"\xef\xbb\xbf":
            return b[3:].decode("utf-8", "replace")
        return b.decode("latin-1")
    if v.startswith("/"):
        return v[1:]
    return None


# The XMP schemas PDF/A-2 takes as predefined (ISO 19005-2 6.6.2.3.1: those of the XMP Specification 2005 and of
# ISO 19005); any other namespace needs a PDF/A extension schema (pdfaExtension:schemas) that declares it and its
# properties, pdfuaid among them.
XMP_PREDEFINED = {
    "http://purl.org/dc/elements/1.1/", "http://ns.adobe.com/xap/1.0/", "http://ns.adobe.com/xap/1.0/rights/",
    "http://ns.adobe.com/xap/1.0/mm/", "http://ns.adobe.com/xap/1.0/bj/", "http://ns.adobe.com/xap/1.0/t/pg/",
    "http://ns.adobe.com/xmp/1.0/DynamicMedia/", "http://ns.adobe.com/pdf/1.3/", "http://ns.adobe.com/photoshop/1.0/",
    "http://ns.adobe.com/camera-raw-settings/1.0/", "http://ns.adobe.com/tiff/1.0/", "http://ns.adobe.com/exif/1.0/",
    "http://ns.adobe.com/exif/1.0/aux/", "http://ns.adobe.com/xmp/Identifier/qual/1.0/",
    "http://www.aiim.org/pdfa/ns/id/", "http://www.aiim.org/pdfa/ns/extension/"}
PDFA_SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
PDFA_PROPERTY = "http://www.aiim.org/pdfa/ns/property#"


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


class Pdf:
    def __init__(self, path):
        self.path = str(path)
        out = run(["qpdf", "--json=2", "--json-key=qpdf", "--json-stream-data=inline", "--decode-level=generalized",
                   self.path, "-"])
        if out.returncode not in (0, 3):
            raise RuntimeError(f"qpdf --json failed: {out.stderr.decode(errors='replace').strip()}")
        objs = json.loads(out.stdout)["qpdf"][1]
        raw = run(["qpdf", "--json=2", "--json-key=qpdf", "--json-stream-data=none", self.path, "-"])
        raw_objs = json.loads(raw.stdout)["qpdf"][1] if raw.returncode in (0, 3) else {}
        self.objects = {}
        for key, v in objs.items():
            if key == "trailer":
                self.trailer = v["value"]
                continue
            num = int(key.split()[0].split(":")[1])
            if "stream" in v:
                s = v["stream"]
                rd = raw_objs.get(key, {}).get("stream", {}).get("dict", s["dict"])
                self.objects[num] = Stream(num, s["dict"], base64.b64decode(s.get("data", "")), rd)
            else:
                self.objects[num] = v.get("value")
        self.catalog = self.get(self.trailer.get("/Root")) or {}
        self.pages = []  # (page objnum, page dict, inherited resources)
        self._walk_pages(self.trailer and self.catalog.get("/Pages"), None, set())

    def get(self, v):
        """Resolves a reference (once; nested values stay as they are)."""
        n = refnum(v)
        return self.objects.get(n) if n is not None else v

    def _walk_pages(self, ref, resources, seen):
        n = refnum(ref)
        node = self.get(ref)
        if not isinstance(node, dict) or n in seen:
            return
        seen.add(n)
        resources = node.get("/Resources", resources)
        if node.get("/Type") == "/Pages" or "/Kids" in node:
            for kid in node.get("/Kids", []):
                self._walk_pages(kid, resources, seen)
        else:
            self.pages.append((n, node, resources))

    def content_streams(self, page):
        """Yields (reference, Stream) for each content stream of page, in order: /Contents is one stream or an array
        of them."""
        contents = self.get(page.get("/Contents"))
        for ref in contents if isinstance(contents, list) else [page.get("/Contents")]:
            st = self.get(ref)
            if isinstance(st, Stream):
                yield ref, st


# ---------------------------------------------------------------------------------------------------------------
# Content streams.

WS = b" \t\r\n\f\x00"
DELIM = b"()<>[]{}/%"


class Op:
    __slots__ = ("op", "operands", "start", "end", "data")

    def __init__(self, op, operands, start, end, data=None):
        self.op, self.operands, self.start, self.end, self.data = op, operands, start, end, data


class PdfString(bytes):
    pass


class PdfName(str):
    pass


def pdf_string(data, i):
    """The string at data[i], literal ('(') or hexadecimal ('<'); returns (PdfString, index after it)."""
    if data[i:i + 1] == b"<":
        j = data.index(b">", i)
        digits = re.sub(rb"\s", b"", data[i + 1:j])
        if len(digits) % 2:
            digits += b"0"
        return PdfString(bytes.fromhex(digits.decode("ascii"))), j + 1
    out = bytearray()
    depth = 0
    i += 1
    escapes = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}
    n = len(data)
    while i < n:
        c = data[i]
        if c == 0x5C:
            if i + 1 >= n:
                break
            e = data[i + 1]
            if e in escapes:
                out.append(escapes[e]); i += 2
            elif 0x30 <= e <= 0x37:
                k = i + 1
                while k < i + 4 and k < n and 0x30 <= data[k] <= 0x37:
                    k += 1
                out.append(int(data[i + 1:k], 8) & 0xFF); i = k
            elif e == 13:
                i += 3 if data[i + 2:i + 3] == b"\n" else 2
            elif e == 10:
                i += 2
            else:
                out.append(e); i += 2
            continue
        if c == 0x28:
            depth += 1
        elif c == 0x29:
            if depth == 0:
                return PdfString(out), i + 1
            depth -= 1
        out.append(c)
        i += 1
    raise ValueError("unterminated string")


def _name(data, i):
    j = i + 1
    n = len(data)
    while j < n and data[j] not in WS and data[j] not in DELIM:
        j += 1
    raw = data[i + 1:j]
    raw = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)
    return PdfName(raw.decode("latin-1")), j


def _skip_ws(data, i):
    n = len(data)
    while i < n:
        c = data[i]
        if c in WS:
            i += 1
        elif c == 0x25:  # comment
            while i < n and data[i] not in b"\r\n":
                i += 1
        else:
            break
    return i


def _operands_until(data, j, close, what):
    """The operands from data[j] up to the delimiter close (>> or ]) of a dictionary or an array; returns (list,
    index after close)."""
    items = []
    while True:
        j = _skip_ws(data, j)
        if data[j:j + len(close)] == close:
            return items, j + len(close)
        if j >= len(data):
            raise ValueError(f"unterminated {what}")
        v, j, ok = _object(data, j)
        if not ok:
            raise ValueError(f"keyword {v!r} in {what}")
        items.append(v)


def _object(data, i):
    """One operand at data[i] (after whitespace); returns (value, index after, True) or (keyword, index, False)."""
    c = data[i:i + 1]
    if c == b"<" and data[i + 1:i + 2] == b"<":
        items, j = _operands_until(data, i + 2, b">>", "dictionary")
        if len(items) % 2:
            raise ValueError("dictionary key without a value")
        return {str(k): v for k, v in zip(items[::2], items[1::2])}, j, True
    if c in (b"(", b"<"):
        s, j = pdf_string(data, i)
        return s, j, True
    if c == b"[":
        arr, j = _operands_until(data, i + 1, b"]", "array")
        return arr, j, True
    if c == b"/":
        v, j = _name(data, i)
        return v, j, True
    if c in (b")", b">", b"]", b"}", b"{"):
        raise ValueError(f"unexpected {c!r}")
    j = i
    n = len(data)
    while j < n and data[j] not in WS and data[j] not in DELIM:
        j += 1
    word = data[i:j].decode("latin-1")
    if re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", word):
        return (float(word) if "." in word else int(word)), j, True
    if word == "true":
        return True, j, True
    if word == "false":
        return False, j, True
    if word == "null":
        return None, j, True
    return word, j, False


def tokenize(data):
    """Yields the operators of a content stream (Op: operator, operands, byte span of operands and operator).
    Inline images come as one Op "BI" with operands [dict] and the image data in .data."""
    i = 0
    n = len(data)
    operands = []
    start = None
    while True:
        i = _skip_ws(data, i)
        if i >= n:
            break
        if start is None:
            start = i
        v, j, ok = _object(data, i)
        if ok:
            operands.append(v)
            i = j
            continue
        if v == "BI":
            d = {}
            k = j
            while True:
                k = _skip_ws(data, k)
                if data[k:k + 2] == b"ID" and (k + 2 >= n or data[k + 2] in WS):
                    break
                key, k, _ = _object(data, k)
                k = _skip_ws(data, k)
                val, k, _ = _object(data, k)
                d[str(key)] = val
            k += 3  # "ID" and one whitespace byte
            length = d.get("L", d.get("Length"))
            if isinstance(length, int):
                e = data.find(b"EI", k + length)
            else:
                m = re.compile(rb"[\s]EI(?=[\s]|$)").search(data, k)
                e = m.start() + 1 if m else -1
            if e < 0:
                raise ValueError("inline image without EI")
            yield Op("BI", [d], start, e + 2, data[k:e])
            i = e + 2
        else:
            yield Op(v, operands, start, j)
            i = j
        operands = []
        start = None
    if operands:
        raise ValueError("operands without an operator at the end of the stream")


# ---------------------------------------------------------------------------------------------------------------
# Fonts: code lengths, ToUnicode CMaps.

class ToUnicode:
    def __init__(self, data):
        self.single = {}
        self.ranges = []  # (lo bytes, hi bytes, dst) dst: bytes (UTF-16BE start) or list of bytes
        self.codespace = []  # (lo bytes, hi bytes)
        t = data.decode("latin-1")
        for block in re.findall(r"begincodespacerange(.*?)endcodespacerange", t, re.S):
            hexes = re.findall(r"<([0-9A-Fa-f\s]*)>", block)
            for lo, hi in zip(hexes[0::2], hexes[1::2]):
                self.codespace.append((_hex(lo), _hex(hi)))
        for block in re.findall(r"beginbfchar(.*?)endbfchar", t, re.S):
            for src, dst in re.findall(r"<([0-9A-Fa-f\s]*)>\s*(<[0-9A-Fa-f\s]*>|/[^\s<>\[\]/]+)", block):
                self.single[_hex(src)] = _hex(dst[1:-1]) if dst.startswith("<") else b""
        for block in re.findall(r"beginbfrange(.*?)endbfrange", t, re.S):
            for lo, hi, dst in re.findall(r"<([0-9A-Fa-f\s]*)>\s*<([0-9A-Fa-f\s]*)>\s*(<[0-9A-Fa-f\s]*>|\[[^\]]*\])",
                                          block):
                if dst.startswith("["):
                    dst = [_hex(x) for x in re.findall(r"<([0-9A-Fa-f\s]*)>", dst)]
                else:
                    dst = _hex(dst[1:-1])
                self.ranges.append((_hex(lo), _hex(hi), dst))

    def lookup(self, code):
        """The UTF-16BE bytes the code maps to, or None."""
        if code in self.single:
            return self.single[code]
        c = int.from_bytes(code, "big")
        for lo, hi, dst in self.ranges:
            if len(lo) == len(code) and int.from_bytes(lo, "big") <= c <= int.from_bytes(hi, "big"):
                off = c - int.from_bytes(lo, "big")
                if isinstance(dst, list):
                    return dst[off] if off < len(dst) else None
                if not dst:
                    return b""
                v = int.from_bytes(dst, "big") + off
                return v.to_bytes(len(dst), "big")
        return None


def _hex(s):
    s = re.sub(r"\s", "", s)
    if len(s) % 2:
        s += "0"
    return bytes.fromhex(s)


class Font:
    def __init__(self, pdf, ref):
        self.pdf = pdf
        self.objnum = refnum(ref)
        d = pdf.get(ref)
        self.dict = d if isinstance(d, dict) else {}
        self.subtype = name(self.dict.get("/Subtype"))
        self.basefont = name(self.dict.get("/BaseFont")) or "?"
        self.codespace = None  # list of (lo, hi); None: one byte
        self.tounicode = None
        tu = pdf.get(self.dict.get("/ToUnicode"))
        if isinstance(tu, Stream):
            self.tounicode = ToUnicode(tu.data)
        self.descendant = None
        if self.subtype == "Type0":
            desc = pdf.get(self.dict.get("/DescendantFonts"))
            if isinstance(desc, list) and desc:
                self.descendant = pdf.get(desc[0])
            enc = self.dict.get("/Encoding")
            encs = pdf.get(enc)
            if isinstance(encs, Stream):
                cmap = ToUnicode(encs.data)  # only its codespace ranges are used
                self.codespace = cmap.codespace or [(b"\x00\x00", b"\xff\xff")]
            else:
                # Identity-H/V and the predefined UCS-2 CMaps: two bytes per code.
                self.codespace = [(b"\x00\x00", b"\xff\xff")]

    def codes(self, s):
        if not self.codespace:
            return [s[i:i + 1] for i in range(len(s))]
        out = []
        i = 0
        while i < len(s):
            for lo, hi in self.codespace:
                n = len(lo)
                c = s[i:i + n]
                if len(c) == n and all(lo[k] <= c[k] <= hi[k] for k in range(n)):
                    out.append(c)
                    i += n
                    break
            else:
                n = len(self.codespace[0][0])
                out.append(s[i:i + n])
                i += n
        return out

    def descriptor(self):
        d = self.descendant if isinstance(self.descendant, dict) else self.dict
        fd = self.pdf.get(d.get("/FontDescriptor"))
        return fd if isinstance(fd, dict) else None

    def embedded(self):
        if self.subtype == "Type3":
            return True
        fd = self.descriptor()
        return bool(fd) and any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3"))

    def unicode(self, code):
        if self.tounicode is None:
            return None
        return self.tounicode.lookup(code)


def utf16(b):
    try:
        return b.decode("utf-16-be")
    except UnicodeDecodeError:
        return None


# ---------------------------------------------------------------------------------------------------------------
# The checker.

class Checker:
    def __init__(self, path, standard="none"):
        self.path = str(path)
        self.standard = standard
        self.violations = []
        self.pdf = Pdf(path)
        self.fonts = {}  # font objnum (or id) -> Font
        self.font_codes = collections.defaultdict(set)  # font key -> codes shown
        self.font_where = {}
        self.content_mcids = {}  # (owner objnum, mcid) -> page number
        self.mcid_text = collections.defaultdict(str)  # (owner, mcid) -> text
        self.owner_page = {}  # owner objnum -> page number (for messages)
        self.form_struct_parents = {}  # form objnum -> StructParents
        self.elements = {}  # objnum -> info
        self.tree = []  # (depth, objnum or None, element dict) in reading order
        self.extgstates = {}  # objnum (or where) -> ExtGState dict, from the resources the content uses

    def report(self, rule, detail):
        self.violations.append(f"{self.path}: {rule}: {detail}")

    # -- helpers
    def check_rolemap(self):
        rolemap = self.pdf.get(self.root.get("/RoleMap")) if self.root else None
        for k in rolemap if isinstance(rolemap, dict) else {}:
            if k[1:] in STANDARD_TYPES:
                self.report("structure.rolemap", f"the /RoleMap remaps the standard type {k} (ISO 14289-1 7.1, "
                                                 "Matterhorn 02-004)")

    def role(self, s, where=""):
        """Resolves a structure type through the RoleMap to a standard type (None if it cannot be)."""
        rolemap = self.pdf.get(self.root.get("/RoleMap")) if self.root else None
        rolemap = rolemap if isinstance(rolemap, dict) else {}
        seen = []
        r = s
        while r not in STANDARD_TYPES:
            if r in seen:
                self.report("structure.rolemap", f"circular role mapping {' -> '.join(seen + [r])}{where} "
                                                 "(Matterhorn 02-003)")
                return None
            seen.append(r)
            nxt = name(rolemap.get("/" + r))
            if nxt is None:
                self.report("structure.rolemap", f"structure type /{s} is not standard and not mapped by the "
                                                 f"/RoleMap{where} (Matterhorn 02-001)")
                return None
            r = nxt
        return r

    # -- catalog, Info, XMP
    def check_catalog(self):
        cat = self.pdf.catalog
        mi = self.pdf.get(cat.get("/MarkInfo"))
        if not (isinstance(mi, dict) and mi.get("/Marked") is True):
            self.report("catalog.markinfo", "the catalog has no /MarkInfo << /Marked true >> (ISO 14289-1 7.1, "
                                            "ISO 32000-1 14.7.1)")
        lang = text(self.pdf.get(cat.get("/Lang")))
        if not lang or not lang.strip():
            self.report("catalog.lang", "the catalog has no non-empty /Lang (ISO 14289-1 7.2, Matterhorn 11-006)")
        vp = self.pdf.get(cat.get("/ViewerPreferences"))
        if not (isinstance(vp, dict) and vp.get("/DisplayDocTitle") is True):
            self.report("catalog.displaydoctitle", "no /ViewerPreferences << /DisplayDocTitle true >> "
                                                   "(ISO 14289-1 7.1, Matterhorn 07-001/07-002)")
        self.root = self.pdf.get(cat.get("/StructTreeRoot"))
        if not isinstance(self.root, dict):
            self.report("catalog.structtreeroot", "the catalog has no /StructTreeRoot (ISO 14289-1 7.1, "
                                                  "ISO 32000-1 14.7.2)")
            self.root = None
        elif not isinstance(self.pdf.get(self.root.get("/ParentTree")), dict):
            self.report("catalog.parenttree", "the StructTreeRoot has no /ParentTree (ISO 32000-1 14.7.4.4)")
        info = self.pdf.get(self.pdf.trailer.get("/Info"))
        self.info = info if isinstance(info, dict) else {}
        title = text(self.pdf.get(self.info.get("/Title")))
        if not title or not title.strip():
            self.report("info.title", "the document information dictionary has no non-empty /Title")
        self.xmp = None
        md = self.pdf.get(cat.get("/Metadata"))
        if not isinstance(md, Stream):
            self.report("xmp.missing", "the catalog has no /Metadata stream (ISO 14289-1 7.1, Matterhorn 06-001)")
        else:
            self.metadata = md
            try:
                self.xmp = ET.fromstring(md.data.decode("utf-8").strip().lstrip("\ufeff") if b"<?xpacket" not in md.data
                                         else re.sub(rb"<\?xpacket[^>]*\?>", b"", md.data).decode("utf-8"))
            except (ET.ParseError, UnicodeDecodeError) as e:
                self.report("xmp.syntax", f"the XMP metadata does not parse: {e} (ISO 19005-2 6.6.2.1)")
        xtitle = self.xmp_value("dc", "title")
        if xtitle is None:
            self.report("xmp.title", "XMP has no dc:title (ISO 14289-1 7.1, Matterhorn 06-003)")
        elif title is not None and xtitle != title:
            self.report("xmp.title", f"XMP dc:title {xtitle!r} differs from Info /Title {title!r}")

    def xmp_value(self, prefix, prop):
        """The value of an XMP property (element or attribute form; the x-default or first item of an Alt/Seq/Bag)."""
        if self.xmp is None:
            return None
        ns = XMP_NS[prefix]
        tag = f"{{{ns}}}{prop}"
        for desc in self.xmp.iter(f"{{{XMP_NS['rdf']}}}Description"):
            if tag in desc.attrib:
                return desc.attrib[tag]
            el = desc.find(tag)
            if el is not None:
                items = el.findall(f".//{{{XMP_NS['rdf']}}}li")
                if items:
                    for li in items:
                        if li.get("{http://www.w3.org/XML/1998/namespace}lang") == "x-default":
                            return li.text or ""
                    return items[0].text or ""
                return (el.text or "").strip()
        return None

    def xmp_list(self, prefix, prop):
        if self.xmp is None:
            return None
        tag = f"{{{XMP_NS[prefix]}}}{prop}"
        for desc in self.xmp.iter(f"{{{XMP_NS['rdf']}}}Description"):
            el = desc.find(tag)
            if el is not None:
                return [li.text or "" for li in el.findall(f".//{{{XMP_NS['rdf']}}}li")]
        return None

    # -- content streams
    def resources_of(self, res):
        res = self.pdf.get(res)
        return res if isinstance(res, dict) else {}

    def check_content(self):
        for pageno, (pnum, page, res) in enumerate(self.pdf.pages, 1):
            self.owner_page[pnum] = pageno
            streams = list(self.pdf.content_streams(page))
            # Each content stream balances its marked content (the sequences do not span streams); the font set
            # by Tf carries over from one stream of the page to the next.
            font = None
            for ref, st in streams:
                where = f"page {pageno}" + (f" (content stream {refnum(ref)})" if len(streams) > 1 else "")
                font = self.scan(st.data, self.resources_of(res), pnum, pageno, where, [], set(), font)
            annots = self.pdf.get(page.get("/Annots"))
            for a in annots if isinstance(annots, list) else []:
                ad = self.pdf.get(a)
                if isinstance(ad, dict):
                    self.check_annotation(a, ad, page, pageno)

    def scan(self, data, res, owner, pageno, where, context, forms_seen, font=None):
        """Walks one content stream. context: the enclosing marked content kinds (from the drawing stream) for form
        XObjects: 'artifact' or ('mcid', n)."""
        stack = []  # entries: 'artifact', ('mcid', n), 'other'
        fonts = self.resources_of(res.get("/Font"))
        xobjects = self.resources_of(res.get("/XObject"))
        for k, gs in self.resources_of(res.get("/ExtGState")).items():
            self.extgstates[refnum(gs) if is_ref(gs) else f"{where} /ExtGState {k}"] = self.pdf.get(gs)
        props = self.resources_of(res.get("/Properties"))
        current_mcid = None
        seen_here = set()
        untagged = []
        try:
            ops = list(tokenize(data))
        except (ValueError, IndexError) as e:
            self.report("content.syntax", f"{where}: the content stream does not tokenize: {e}")
            return font

        def state():
            kinds = context + stack
            art = any(k == "artifact" for k in kinds)
            mc = [k for k in kinds if isinstance(k, tuple)]
            return art, mc

        for op in ops:
            o = op.op
            if o in ("BMC", "BDC"):
                tag = name("/" + op.operands[0]) if op.operands and isinstance(op.operands[0], PdfName) else None
                art, mc = state()
                kind = "other"
                mcid = None
                if o == "BDC" and len(op.operands) >= 2:
                    p = op.operands[1]
                    if isinstance(p, PdfName):
                        p = self.pdf.get(props.get("/" + p))
                        p = p if isinstance(p, dict) else {}
                        p = {k[1:]: v for k, v in p.items()}
                    if isinstance(p, dict) and isinstance(p.get("MCID"), int):
                        mcid = p["MCID"]
                if tag == "Artifact":
                    kind = "artifact"
                    if mc:
                        self.report("content.artifact-in-tagged", f"{where}: /Artifact marked content inside the "
                                    f"marked content of MCID {mc[-1][1]} (Matterhorn 01-003)")
                    if mcid is not None:
                        self.report("content.artifact-in-tagged", f"{where}: /Artifact marked content with an MCID "
                                    f"{mcid} (Matterhorn 01-003)")
                elif mcid is not None:
                    kind = ("mcid", mcid)
                    if art:
                        self.report("content.tagged-in-artifact", f"{where}: MCID {mcid} inside /Artifact marked "
                                    "content (Matterhorn 01-004)")
                    if mc:
                        self.report("content.nested-mcid", f"{where}: MCID {mcid} nested in the marked content of "
                                    f"MCID {mc[-1][1]} (ISO 32000-1 14.7.4.2)")
                    key = (owner, mcid)
                    if key in self.content_mcids or key in seen_here:
                        self.report("content.duplicate-mcid", f"{where}: MCID {mcid} used twice "
                                    "(ISO 32000-1 14.7.4.2)")
                    seen_here.add(key)
                    self.content_mcids[key] = pageno
                    current_mcid = key
                stack.append(kind)
            elif o == "EMC":
                if not stack:
                    self.report("content.unbalanced", f"{where}: EMC without BMC/BDC (ISO 32000-1 14.6)")
                else:
                    stack.pop()
            elif o == "Tf" and op.operands:
                fref = fonts.get("/" + str(op.operands[0]))
                if fref is None:
                    self.report("content.font", f"{where}: Tf names /{op.operands[0]}, not in the resources")
                    font = None
                else:
                    key = refnum(fref) if is_ref(fref) else id(fref)
                    if key not in self.fonts:
                        self.fonts[key] = Font(self.pdf, fref)
                        self.font_where[key] = where
                    font = key
            elif o in TEXT_OPS or o in PATH_PAINT_OPS or o == "BI" or o == "Do":
                what = None
                if o == "Do":
                    xref = xobjects.get("/" + str(op.operands[0])) if op.operands else None
                    x = self.pdf.get(xref)
                    if not isinstance(x, Stream):
                        self.report("content.xobject", f"{where}: Do of a missing XObject /{op.operands}")
                        continue
                    if x.get("/Subtype") == "/Form":
                        self.scan_form(xref, x, res, owner, pageno, where, context + stack, forms_seen, font)
                        continue
                    what = f"image XObject /{op.operands[0]}"
                    self.check_filters(x.raw_dict, f"{where}: image /{op.operands[0]}")
                elif o == "BI":
                    what = "inline image"
                    f = op.operands[0].get("F", op.operands[0].get("Filter"))
                    for fn in (f if isinstance(f, list) else [f]):
                        if fn in ("LZW", "LZWDecode") and "a-2u" in self.standard:
                            self.report("pdfa.lzw", f"{where}: inline image with LZW (ISO 19005-2 6.1.7.2)")
                elif o in TEXT_OPS:
                    what = f"text ({o})"
                    strings = []
                    for v in op.operands:
                        if isinstance(v, PdfString):
                            strings.append(v)
                        elif isinstance(v, list):
                            strings.extend(x for x in v if isinstance(x, PdfString))
                    shown = ""
                    if font is not None:
                        f = self.fonts[font]
                        for s in strings:
                            for code in f.codes(s):
                                self.font_codes[font].add(code)
                                u = f.unicode(code)
                                shown += (utf16(u) or "") if u else ""
                    art, mc = state()
                    if mc:
                        self.mcid_text[(owner, mc[-1][1])] += shown
                else:
                    what = f"path painting ({o})"
                art, mc = state()
                if not art and not mc:
                    untagged.append(f"{what} at byte {op.start}")
        if untagged:
            more = f" and {len(untagged) - 3} more" if len(untagged) > 3 else ""
            self.report("content.untagged", f"{where}: {len(untagged)} painting operator(s) outside /Artifact and "
                        f"MCID marked content: {', '.join(untagged[:3])}{more} (ISO 14289-1 7.1, Matterhorn 01-005)")
        if stack:
            self.report("content.unbalanced", f"{where}: {len(stack)} BMC/BDC without EMC at the end of the stream "
                                              "(ISO 32000-1 14.6)")
        return font

    def scan_form(self, xref, x, res, owner, pageno, where, context, forms_seen, font):
        n = refnum(xref)
        if n in forms_seen:
            return
        forms = forms_seen | {n}
        fres = x.get("/Resources", res)
        sp = x.get("/StructParents")
        w = f"{where}, form XObject {n}"
        if isinstance(sp, int):
            # The form's own marked content: its MCIDs belong to the form (MCRs with /Stm).
            self.form_struct_parents[n] = sp
            self.owner_page[n] = pageno
            ctx = ["artifact"] if "artifact" in context else []
            if any(isinstance(k, tuple) for k in context):
                self.report("content.nested-mcid", f"{w}: a form XObject with /StructParents drawn inside marked "
                                                   "content with an MCID (ISO 32000-1 14.7.4.3)")
            self.scan(x.data, self.resources_of(fres), n, pageno, w, ctx, forms, font)
        else:
            # MCIDs in a form without /StructParents belong to the page that draws it: the same owner.
            self.scan(x.data, self.resources_of(fres), owner, pageno, w, list(context), forms, font)

    def check_filters(self, d, where):
        if "a-2u" not in self.standard:
            return
        f = d.get("/Filter")
        for fn in (f if isinstance(f, list) else [f]):
            if fn == "/LZWDecode":
                self.report("pdfa.lzw", f"{where}: LZWDecode filter (ISO 19005-2 6.1.7.2)")

    # -- annotations
    def check_annotation(self, ref, a, page, pageno):
        sub = name(a.get("/Subtype"))
        where = f"page {pageno}, annotation {refnum(ref)} ({sub})"
        if page.get("/Tabs") != "/S" and not getattr(self, "_tabs_reported", set()).__contains__(pageno):
            self._tabs_reported = getattr(self, "_tabs_reported", set()) | {pageno}
            self.report("annot.tabs", f"page {pageno} has annotations but no /Tabs /S (ISO 14289-1 7.18.3, "
                                      "Matterhorn 28-008/28-009)")
        if "a-2u" in self.standard:
            flags = a.get("/F", 0) if isinstance(a.get("/F", 0), int) else 0
            if sub != "Popup" and (not flags & 4 or flags & (2 | 32 | 1)):
                self.report("pdfa.annot-flags", f"{where}: /F {flags}: the Print flag must be set and the Hidden, "
                                                "Invisible and NoView flags clear (ISO 19005-2 6.3.2)")
            act = self.pdf.get(a.get("/A"))
            if isinstance(act, dict) and name(act.get("/S")) in ("JavaScript", "Launch", "ImportData", "ResetForm"):
                self.report("pdfa.action", f"{where}: {name(act.get('/S'))} action (ISO 19005-2 6.5.1)")
        if sub == "Link":
            contents = text(self.pdf.get(a.get("/Contents")))
            if not contents or not contents.strip():
                self.report("link.contents", f"{where}: link annotation without /Contents (ISO 14289-1 7.18.5, "
                                             "Matterhorn 28-012)")
        if sub in ("Popup",):
            return
        sp = a.get("/StructParent")
        if not isinstance(sp, int):
            if sub == "Link" or "ua-1" in self.standard:
                self.report("link.structparent" if sub == "Link" else "annot.untagged",
                            f"{where}: no /StructParent (ISO 14289-1 7.18.1, Matterhorn 28-011/28-002)")
            return
        el = self.parent_tree.get(sp) if self.parent_tree is not None else None
        eln = refnum(el)
        eld = self.pdf.get(el)
        if not isinstance(eld, dict):
            self.report("link.structparent", f"{where}: /StructParent {sp} is not a structure element in the "
                                             "ParentTree (ISO 32000-1 14.7.4.4)")
            return
        role = self.elements.get(eln, {}).get("role") or self.role(name(eld.get("/S")) or "?")
        if sub == "Link" and role != "Link":
            self.report("link.structure", f"{where}: its structure element {eln} is {role}, not Link "
                                          "(ISO 14289-1 7.18.5, Matterhorn 28-011)")
        elif sub not in ("Link", "Widget", "PrinterMark") and role != "Annot" and "ua-1" in self.standard:
            self.report("annot.structure", f"{where}: its structure element {eln} is {role}, not Annot "
                                           "(ISO 14289-1 7.18.1, Matterhorn 28-002)")
        objrs = [k for k in self.kids(eld) if k[0] == "objr" and k[1] == refnum(ref)]
        if not objrs:
            self.report("link.objr", f"{where}: structure element {eln} has no OBJR for the annotation "
                                     "(ISO 32000-1 14.7.4.3)")
        if eln not in self.reachable:
            self.report("structure.unreachable", f"{where}: structure element {eln} is not reachable from the "
                                                 "StructTreeRoot")

    # -- structure tree
    def number_tree(self, node, out, seen):
        n = refnum(node)
        d = self.pdf.get(node)
        if not isinstance(d, dict) or (n is not None and n in seen):
            return
        if n is not None:
            seen.add(n)
        nums = d.get("/Nums", [])
        for k, v in zip(nums[0::2], nums[1::2]):
            out[k] = v
        for kid in d.get("/Kids", []) or []:
            self.number_tree(kid, out, seen)

    def kids(self, el):
        """The kids of a structure element: ('elem', objnum or None, dict), ('mcid', owner objnum, mcid, explicit page),
        ('objr', annotation objnum)."""
        k = el.get("/K")
        items = k if isinstance(k, list) else ([] if k is None else [k])
        pg = refnum(el.get("/Pg"))
        out = []
        for item in items:
            if isinstance(item, int):
                out.append(("mcid", pg, item))
                continue
            d = self.pdf.get(item)
            if isinstance(d, dict):
                t = d.get("/Type")
                if t == "/MCR" or ("/MCID" in d and "/S" not in d):
                    owner = refnum(d.get("/Stm")) if "/Stm" in d else refnum(d.get("/Pg", el.get("/Pg")))
                    out.append(("mcid", owner, d.get("/MCID")))
                elif t == "/OBJR" or ("/Obj" in d and "/S" not in d):
                    out.append(("objr", refnum(d.get("/Obj"))))
                else:
                    out.append(("elem", refnum(item), d))
        return out

    def walk_tree(self):
        self.reachable = set()
        self.tree_mcrs = {}  # (owner, mcid) -> element objnum
        self.parent_tree = None
        if self.root is None:
            return
        pt = {}
        self.number_tree(self.root.get("/ParentTree"), pt, set())
        self.parent_tree = pt
        k = self.root.get("/K")
        top = k if isinstance(k, list) else ([] if k is None else [k])
        seen = set()

        def visit(ref, d, depth, parent_role):
            n = refnum(ref)
            if n is not None:
                if n in seen:
                    self.report("structure.cycle", f"structure element {n} appears twice in the tree")
                    return
                seen.add(n)
                self.reachable.add(n)
            s = name(d.get("/S"))
            if s is None:
                self.report("structure.type", f"structure element {n} has no /S")
                return
            role = self.role(s, f" (element {n})")
            self.elements[n] = {"role": role, "s": s, "parent": parent_role, "dict": d}
            self.tree.append((depth, n, d, role))
            for kid in self.kids(d):
                if kid[0] == "mcid":
                    _, owner, mcid = kid
                    if owner is None:
                        self.report("structure.mcr", f"element {n} ({role}) holds MCID {mcid} without a page "
                                                     "(/Pg on neither the MCR nor the element)")
                        continue
                    self.tree_mcrs.setdefault((owner, mcid), n)
                elif kid[0] == "elem":
                    visit(("%d 0 R" % kid[1]) if kid[1] is not None else kid[2], kid[2], depth + 1, role)

        for item in top:
            d = self.pdf.get(item)
            if isinstance(d, dict):
                visit(item, d, 0, None)

    def check_mcids(self):
        if self.root is None:
            return
        sp_of = {pnum: page.get("/StructParents") for pnum, page, _ in self.pdf.pages}
        sp_of.update(self.form_struct_parents)
        for (owner, mcid), pageno in sorted(self.content_mcids.items(), key=lambda kv: (kv[1], kv[0][1])):
            where = f"page {pageno}" + (f", form XObject {owner}" if owner in self.form_struct_parents else "")
            sp = sp_of.get(owner)
            if not isinstance(sp, int):
                self.report("structure.structparents", f"{where}: MCID {mcid} but no /StructParents "
                                                       "(ISO 32000-1 14.7.4.4)")
                continue
            arr = self.pdf.get(self.parent_tree.get(sp))
            if not isinstance(arr, list):
                self.report("structure.parenttree", f"{where}: /StructParents {sp} has no array in the ParentTree "
                                                    f"(MCID {mcid}; ISO 32000-1 14.7.4.4)")
                continue
            if mcid >= len(arr) or refnum(arr[mcid]) is None or not isinstance(self.pdf.get(arr[mcid]), dict):
                self.report("structure.parenttree", f"{where}: MCID {mcid} has no structure element in the "
                                                    f"ParentTree array {sp} (ISO 32000-1 14.7.4.4)")
                continue
            eln = refnum(arr[mcid])
            eld = self.pdf.get(arr[mcid])
            if not any(k[0] == "mcid" and k[1] == owner and k[2] == mcid for k in self.kids(eld)):
                self.report("structure.parenttree", f"{where}: MCID {mcid}: the ParentTree gives element {eln}, "
                                                    "whose /K does not hold it (ISO 32000-1 14.7.4.4)")
            if eln not in self.reachable:
                self.report("structure.unreachable", f"{where}: MCID {mcid}: element {eln} is not reachable from "
                                                     "the StructTreeRoot (ISO 14289-1 7.1)")
        for (owner, mcid), eln in sorted(self.tree_mcrs.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1]))):
            if (owner, mcid) not in self.content_mcids:
                pg = self.owner_page.get(owner)
                self.report("structure.dangling-mcr", f"element {eln} ({self.elements[eln]['role']}) refers to MCID "
                            f"{mcid} of {'page ' + str(pg) if pg else 'object ' + str(owner)}, which its content "
                            "does not have (ISO 32000-1 14.7.4.2)")

    def check_semantics(self):
        numbered = []
        plain = []
        for depth, n, d, role in self.tree:
            if role is None:
                continue
            parent = self.elements[n]["parent"]
            where = f"element {n} ({role}" + (f", /S /{self.elements[n]['s']}" if self.elements[n]['s'] != role
                                               else "") + ")"
            if re.fullmatch(r"H[1-6]", role):
                numbered.append((int(role[1]), n))
            elif role == "H":
                plain.append(n)
            if role == "Table":
                if not any(self.elements[c]["role"] == "TH" for c in self.descendants(n, stop={"Table"})):
                    self.report("table.no-th", f"{where}: a table without a TH header cell (ISO 14289-1 7.5, "
                                               "ISO 32000-1 14.8.4.3.4; docexport's tables have a header row)")
            if role == "TH":
                if self.scope(d) not in ("Column", "Row", "Both"):
                    self.report("table.scope", f"{where}: TH without /A << /O /Table /Scope /Column|/Row|/Both >> "
                                               "(ISO 14289-1 7.5, Matterhorn 15-003)")
            if role == "TR" and parent not in ("Table", "THead", "TBody", "TFoot"):
                self.report("table.nesting", f"{where}: TR inside {parent} (ISO 32000-1 Table 337, Matterhorn 09-004)")
            if role in ("TH", "TD") and parent != "TR":
                self.report("table.nesting", f"{where}: {role} inside {parent} (ISO 32000-1 Table 337, "
                                             "Matterhorn 09-004)")
            if role in ("THead", "TBody", "TFoot") and parent != "Table":
                self.report("table.nesting", f"{where}: {role} inside {parent} (ISO 32000-1 Table 337, "
                                             "Matterhorn 09-004)")
            if role == "LI" and parent != "L":
                self.report("list.nesting", f"{where}: LI inside {parent} (ISO 32000-1 Table 336, Matterhorn 09-005)")
            if role in ("Lbl", "LBody") and parent != "LI" and not (role == "Lbl" and parent in ("BibEntry", "Note",
                                                                                                  "TOCI")):
                self.report("list.nesting", f"{where}: {role} inside {parent} (ISO 32000-1 Table 336, "
                                            "Matterhorn 09-005)")
            if role in ("Figure", "Formula"):
                alt = text(self.pdf.get(d.get("/Alt"))) or text(self.pdf.get(d.get("/ActualText")))
                if not alt or not alt.strip():
                    self.report("figure.alt" if role == "Figure" else "formula.alt",
                                f"{where}: no /Alt (nor /ActualText) (ISO 14289-1 7.3, Matterhorn "
                                f"{'13-004' if role == 'Figure' else '17-002'})")
        if numbered:
            if numbered[0][0] != 1:
                self.report("heading.first", f"element {numbered[0][1]}: the first numbered heading is "
                                             f"H{numbered[0][0]}, not H1 (ISO 14289-1 7.4.2, Matterhorn 14-002)")
            for (a, _), (b, n) in zip(numbered, numbered[1:]):
                if b > a + 1:
                    self.report("heading.skipped", f"element {n}: H{b} follows H{a} (ISO 14289-1 7.4.2, "
                                                   "Matterhorn 14-003)")
            if plain:
                self.report("heading.mixed", f"element {plain[0]}: H used together with numbered headings "
                                             "(ISO 14289-1 7.4.4, Matterhorn 14-007)")

    def descendants(self, n, stop=()):
        out = []
        d = self.elements[n]["dict"]
        for k in self.kids(d):
            if k[0] == "elem" and k[1] in self.elements:
                out.append(k[1])
                if self.elements[k[1]]["role"] not in stop:
                    out.extend(self.descendants(k[1], stop))
        return out

    def scope(self, d):
        a = self.pdf.get(d.get("/A"))
        items = a if isinstance(a, list) else [a]
        for it in items:
            it = self.pdf.get(it)
            if isinstance(it, dict) and it.get("/O") == "/Table" and is_name(it.get("/Scope")):
                return name(it["/Scope"])
        return None

    # -- fonts
    def check_fonts(self):
        for key, f in sorted(self.fonts.items(), key=lambda kv: str(kv[0])):
            where = f"font {f.basefont}" + (f" (object {f.objnum})" if f.objnum else "")
            if not f.embedded():
                self.report("font.embedded", f"{where}: not embedded (no FontFile, FontFile2 or FontFile3; "
                                             "ISO 14289-1 7.21.4.1, ISO 19005-2 6.2.11.4.1)")
            if f.tounicode is None:
                self.report("font.tounicode", f"{where}: no /ToUnicode CMap (ISO 14289-1 7.21.7, Matterhorn 10-001)")
                continue
            bad = []
            for code in sorted(self.font_codes[key]):
                u = f.unicode(code)
                s = utf16(u) if u else None
                if not s or any(ch in "\x00\ufeff\ufffe" for ch in s):
                    bad.append(code.hex().upper())
            if bad:
                self.report("font.tounicode", f"{where}: {len(bad)} code(s) shown without a Unicode mapping: "
                            f"{' '.join('<' + b + '>' for b in bad[:10])}{' ...' if len(bad) > 10 else ''} "
                            "(ISO 14289-1 7.21.7, ISO 19005-2 6.2.11.7.2, Matterhorn 10-001)")

    # -- standards
    def check_ua(self):
        part = self.xmp_value("pdfuaid", "part")
        if part is None:
            self.report("xmp.pdfuaid", "XMP has no pdfuaid:part (namespace http://www.aiim.org/pdfua/ns/id/; "
                                       "ISO 14289-1 5, Matterhorn 06-002)")
        elif part.strip() != "1":
            self.report("xmp.pdfuaid", f"XMP pdfuaid:part is {part!r}, not 1 (ISO 14289-1 5)")

    def check_xmp_schemas(self):
        if self.xmp is None:
            return
        declared = collections.defaultdict(set)
        for schema in self.xmp.iter():
            uri = schema.find(f"{{{PDFA_SCHEMA}}}namespaceURI")
            if uri is None or not (uri.text or "").strip():
                continue
            for prop in schema.iter(f"{{{PDFA_PROPERTY}}}name"):
                declared[uri.text.strip()].add((prop.text or "").strip())
        rdf = XMP_NS["rdf"]
        for desc in self.xmp.iter(f"{{{rdf}}}Description"):
            props = [k for k in desc.attrib if k.startswith("{") and not k.startswith(f"{{{rdf}}}")]
            props += [el.tag for el in desc if el.tag.startswith("{")]
            for tag in props:
                ns, local = tag[1:].split("}", 1)
                if ns in XMP_PREDEFINED:
                    continue
                if ns not in declared:
                    self.report("xmp.extension-schema", f"XMP property {local} of namespace {ns} is neither "
                                "predefined nor declared by a PDF/A extension schema (ISO 19005-2 6.6.2.3.1)")
                elif local not in declared[ns]:
                    self.report("xmp.extension-schema", f"XMP property {local} is not among the properties the "
                                f"extension schema of {ns} declares (ISO 19005-2 6.6.2.3.1)")

    def check_pdfa(self):
        part = self.xmp_value("pdfaid", "part")
        conf = self.xmp_value("pdfaid", "conformance")
        if part is None or part.strip() != "2":
            self.report("xmp.pdfaid", f"XMP pdfaid:part is {part!r}, not 2 (ISO 19005-2 6.6.4)")
        if conf is None or conf.strip() != "U":
            self.report("xmp.pdfaid", f"XMP pdfaid:conformance is {conf!r}, not U (ISO 19005-2 6.6.4)")
        if hasattr(self, "metadata"):
            m = re.search(rb"<\?xpacket\s+begin=[^>]*\?>", self.metadata.data)
            if m and re.search(rb"\b(bytes|encoding)\s*=", m.group(0)):
                self.report("xmp.packet", "the xpacket header has a bytes or encoding attribute (ISO 19005-2 6.6.2.1)")
            if self.metadata.raw_dict.get("/Type") != "/Metadata" or self.metadata.raw_dict.get("/Subtype") != "/XML":
                self.report("xmp.packet", "the metadata stream is not /Type /Metadata /Subtype /XML "
                                          "(ISO 19005-2 6.6.2.1)")
        self.check_xmp_schemas()
        ois = self.pdf.get(self.pdf.catalog.get("/OutputIntents"))
        found = False
        for oi in ois if isinstance(ois, list) else []:
            oi = self.pdf.get(oi)
            if isinstance(oi, dict) and oi.get("/S") == "/GTS_PDFA1":
                prof = self.pdf.get(oi.get("/DestOutputProfile"))
                if isinstance(prof, Stream) and prof.get("/N") == 3:
                    found = True
                else:
                    self.report("pdfa.outputintent", "the GTS_PDFA1 output intent has no ICC /DestOutputProfile "
                                                     "stream with /N 3 (ISO 19005-2 6.2.3)")
                    found = True
        if not found:
            self.report("pdfa.outputintent", "no /OutputIntents entry with /S /GTS_PDFA1 (ISO 19005-2 6.2.3)")
        if "/Encrypt" in self.pdf.trailer:
            self.report("pdfa.encrypt", "the trailer has /Encrypt (ISO 19005-2 6.1.3)")
        ids = self.pdf.trailer.get("/ID")
        if not (isinstance(ids, list) and len(ids) == 2):
            self.report("pdfa.id", "the trailer has no /ID (ISO 19005-2 6.1.3)")
        # Objects: transparency, LZW, JavaScript.
        for num, obj in sorted(self.pdf.objects.items()):
            d = obj.raw_dict if isinstance(obj, Stream) else obj
            if not isinstance(d, dict):
                continue
            if isinstance(obj, Stream):
                self.check_filters(obj.raw_dict, f"object {num}")
            if isinstance(obj, Stream) and d.get("/Subtype") == "/Image" and "/SMask" in d:
                self.report("pdfa.transparency", f"object {num}: image with an /SMask (docexport draws no "
                                                 "transparency in PDF/A)")
            g = self.pdf.get(d.get("/Group"))
            if d.get("/Type") == "/Page" and isinstance(g, dict) and g.get("/S") == "/Transparency":
                self.report("pdfa.transparency", f"object {num}: page /Group /S /Transparency (docexport draws no "
                                                 "transparency in PDF/A)")
            for sub in iter_dicts(d):
                if name(sub.get("/S")) in ("JavaScript", "Launch", "ImportData", "ResetForm") or "/JS" in sub:
                    self.report("pdfa.javascript", f"object {num}: {name(sub.get('/S')) or 'JS'} action "
                                                   "(ISO 19005-2 6.5.1)")
        for num, d in sorted(self.extgstates.items(), key=lambda kv: str(kv[0])):
            if isinstance(d, dict):
                num = f"ExtGState {num}" if isinstance(num, int) else num
                bm = d.get("/BM")
                bms = bm if isinstance(bm, list) else ([bm] if bm is not None else [])
                for b in bms:
                    if name(b) not in ("Normal", "Compatible"):
                        self.report("pdfa.transparency", f"{num}: blend mode {b} (docexport draws no "
                                    "transparency in PDF/A; ISO 19005-2 6.2.10 allows only ISO 32000-1 blend modes)")
                for k in ("/CA", "/ca"):
                    if isinstance(d.get(k), (int, float)) and d[k] < 1:
                        self.report("pdfa.transparency", f"{num}: {k} {d[k]} < 1 (docexport draws no "
                                    "transparency in PDF/A)")
                sm = d.get("/SMask")
                if sm is not None and sm != "/None":
                    self.report("pdfa.transparency", f"{num}: /SMask (docexport draws no transparency in PDF/A)")
        names = self.pdf.get(self.pdf.catalog.get("/Names"))
        if isinstance(names, dict) and "/JavaScript" in names:
            self.report("pdfa.javascript", "the catalog's /Names has /JavaScript (ISO 19005-2 6.5.1)")
        # Info against XMP (ISO 19005-1 6.7.3, kept by ISO 19005-2 6.6.2.3.1 for the properties both have).
        pairs = [("/Title", ("dc", "title")), ("/Author", ("dc", "creator")), ("/Subject", ("dc", "description")),
                 ("/Keywords", ("pdf", "Keywords")), ("/Creator", ("xmp", "CreatorTool")),
                 ("/Producer", ("pdf", "Producer")), ("/CreationDate", ("xmp", "CreateDate")),
                 ("/ModDate", ("xmp", "ModifyDate"))]
        for key, (prefix, prop) in pairs:
            if key not in self.info:
                continue
            iv = text(self.pdf.get(self.info[key]))
            if prop == "creator":
                xs = self.xmp_list(prefix, prop)
                xv = None if xs is None else ", ".join(xs)
                ok = xs is not None and (iv == xv or (len(xs) == 1 and xs[0] == iv))
            else:
                xv = self.xmp_value(prefix, prop)
                if key.endswith("Date"):
                    a, b = pdf_date(iv), xmp_date(xv)
                    ok = a is not None and b is not None and a == b
                else:
                    ok = xv is not None and xv == iv
            if not ok:
                self.report("pdfa.info-xmp", f"Info {key} {iv!r} and XMP {prefix}:{prop} {xv!r} differ "
                                             "(the equivalence of ISO 19005-1 6.7.3)")

    # -- poppler's view
    def check_poppler(self):
        info = run(["pdfinfo", self.path])
        if b"Tagged:" in info.stdout and not re.search(rb"^Tagged:\s+yes", info.stdout, re.M):
            self.report("poppler.tagged", "pdfinfo does not say Tagged: yes")
        out = run(["pdfinfo", "-struct", self.path])
        roles = poppler_roles(out.stdout.decode("utf-8", "replace"))
        if not roles:
            self.report("poppler.struct", "pdfinfo -struct lists no structure")
            return
        if roles[0] != "Document":
            self.report("poppler.struct", f"pdfinfo -struct: the first element is {roles[0]}, not Document")
        mine = [(role, self.elements[n]["s"]) for _, n, _, role in self.tree]
        for i, (theirs, (resolved, written)) in enumerate(zip(roles, mine)):
            if theirs not in (resolved, written):
                self.report("poppler.struct", f"element {i + 1} in reading order: pdfinfo -struct says {theirs}, "
                                              f"qpdf's tree {resolved}")
                break
        if len(roles) != len(mine):
            self.report("poppler.struct", f"pdfinfo -struct lists {len(roles)} elements, qpdf's tree {len(mine)}")

    def check(self):
        self.check_catalog()
        self.check_rolemap()
        self.walk_tree()
        self.check_content()
        self.check_mcids()
        self.check_semantics()
        self.check_fonts()
        if "ua-1" in self.standard:
            self.check_ua()
        if "a-2u" in self.standard:
            self.check_pdfa()
        self.check_poppler()
        return self.violations


def iter_dicts(v):
    """The dictionaries in a value, its own and those nested in it (references not followed)."""
    if isinstance(v, dict):
        yield v
        for x in v.values():
            yield from iter_dicts(x)
    elif isinstance(v, list):
        for x in v:
            yield from iter_dicts(x)


def poppler_roles(listing):
    """The element roles of a pdfinfo -struct (or -struct-text) listing, in order."""
    roles = []
    for line in listing.splitlines():
        s = line.strip()
        if not s or s[0] in '/"' or s.startswith("Object "):
            continue
        m = re.match(r"([A-Za-z][A-Za-z0-9_.\-]*)(\s|:|$)", s)
        if m:
            roles.append(m.group(1))
    return roles


def pdf_date(s):
    m = re.match(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+\-])?(\d{2})?'?(\d{2})?'?", s or "")
    if not m:
        return None
    y, mo, d, h, mi, se, z, zh, zm = m.groups()
    off = 0
    if z in ("+", "-"):
        off = (int(zh or 0) * 60 + int(zm or 0)) * (1 if z == "+" else -1)
    return datetime.datetime(int(y), int(mo or 1), int(d or 1), int(h or 0), int(mi or 0), int(se or 0),
                             tzinfo=datetime.timezone(datetime.timedelta(minutes=off)))


def xmp_date(s):
    m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+\-]\d{2}:\d{2})?)?)?)?$",
                 (s or "").strip())
    if not m:
        return None
    y, mo, d, h, mi, se, z = m.groups()
    off = 0
    if z and z != "Z":
        off = (int(z[1:3]) * 60 + int(z[4:6])) * (1 if z[0] == "+" else -1)
    return datetime.datetime(int(y), int(mo or 1), int(d or 1), int(h or 0), int(mi or 0), int(se or 0),
                             tzinfo=datetime.timezone(datetime.timedelta(minutes=off)))


# ---------------------------------------------------------------------------------------------------------------
# The module's interface.

def check(path, standard="none"):
    """The violations of PDF path against standard (none, ua-1, a-2u, a-2u+ua-1): a list of 'FILE: rule: detail'."""
    if standard not in STANDARDS:
        raise ValueError(f"unknown standard {standard}")
    try:
        return Checker(path, standard).check()
    except (RuntimeError, ValueError, KeyError, json.JSONDecodeError) as e:
        return [f"{path}: pdf.read: {e}"]


def structure(path):
    """The structure tree in reading order: a list of (depth, role, attrs, text). role is the standard role; attrs
    holds S (the written type), and Alt, ActualText, Lang, Scope, T, ID where the element has them, and obj (its
    object number); text is that of the marked content directly in the element."""
    c = Checker(path, "none")
    c.check_catalog()
    c.walk_tree()
    c.check_content()
    out = []
    for depth, n, d, role in c.tree:
        attrs = {"S": c.elements[n]["s"], "obj": n}
        for k in ("Alt", "ActualText", "Lang", "T", "ID"):
            v = text(c.pdf.get(d.get("/" + k)))
            if v is not None:
                attrs[k] = v
        sc = c.scope(d)
        if sc:
            attrs["Scope"] = sc
        t = "".join(c.mcid_text.get((k[1], k[2]), "") for k in c.kids(d) if k[0] == "mcid")
        out.append((depth, role or c.elements[n]["s"], attrs, t))
    return out


def dump(path, out=sys.stdout):
    for depth, role, attrs, t in structure(path):
        label = role if attrs["S"] == role else f"{role} [{attrs['S']}]"
        extra = "".join(f" /{k} {attrs[k]!r}" for k in ("Alt", "ActualText", "Lang", "Scope") if k in attrs)
        out.write(f"{'  ' * depth}{label}{extra}{(' ' + repr(t)) if t else ''}\n")


def run_docexport(docexport, standard, args):
    with tempfile.TemporaryDirectory(prefix="pdf_tagged.") as tmp:
        out = os.path.join(tmp, "out.pdf")
        cmd = [docexport, "--pdf"] + ([] if standard == "none" else ["--pdf-standard", standard]) + ["-o", out] + args
        env = dict(os.environ, SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH", "1700000000"))
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        if r.returncode != 0 or not os.path.exists(out):
            print(f"FAIL: {' '.join(cmd)} exited {r.returncode}\n{r.stderr.decode(errors='replace')}")
            return 1
        violations = check(out, standard)
        for v in violations:
            print(v)
        print(f"{len(violations)} violation(s): {' '.join(cmd)}")
        return 1 if violations else 0


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--standard", default="none", choices=STANDARDS)
    ap.add_argument("--dump", action="store_true", help="print the structure tree in reading order")
    ap.add_argument("--run", metavar="DOCEXPORT", help="run DOCEXPORT --pdf ... ARGS and check its PDF")
    ap.add_argument("args", nargs="*")
    a = ap.parse_args(argv)
    tools.require("qpdf", "pdfinfo")
    if a.run:
        return run_docexport(a.run, a.standard, a.args)
    if len(a.args) != 1:
        ap.error("one PDF file")
    if a.dump:
        dump(a.args[0])
        return 0
    violations = check(a.args[0], a.standard)
    for v in violations:
        print(v)
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
