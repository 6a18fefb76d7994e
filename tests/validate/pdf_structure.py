#!/usr/bin/env python3
"""The structure of docexport's tagged PDF as an independent reader sees it, against the document model.

usage: pdf_structure.py DOCEXPORT

Reads the structure through poppler (pdfinfo -struct-text: roles, attributes, the text of each marked-content
sequence in reading order) and cross-checks it with tests/validate/pdf_tagged.py's structure() (qpdf): the same
elements at the same depths in the same order, the same /Scope. The text of each marked-content sequence is also
read from the content streams with /ActualText spans honoured, and must be poppler's. Two exceptions: poppler 22's
MarkedContentOutputDev ends a sequence at the EMC of a nested span without an MCID (the /ActualText spans of
tate-chu-yoko figures and rotated Latin in vertical text), so where the sequence holds such a span poppler's text
need only agree up to the first one, and the content streams' text is used; and an element with its own
/ActualText (an RT, whose glyphs are in a span with an empty /ActualText so that the annotation stays out of the
reading text) is read by its /ActualText.

On the sample brief (input/brief.yaml; horizontal and --vertical, each with the style's section breaks and with
sections run on, so that running heads are drawn), against --dump-model:
  - the document title is the first element, an H1, and appears exactly once in all the structure's text: the
    running heads (drawn, pdftotext shows the title more than once when sections run on) are artifacts;
  - the contents: an H1, then a TOC of TOCI only, one TOCI starting with each section's title, in order, the
    others with a heading of the section before them, each followed by its page number only;
  - each section a Sect whose first child is an H1 with its title, its source line a P after it;
  - the headings of the model, in order and with their text, as H2-H6 with no level skipped; no other H1;
  - the text of every paragraph, list item and table cell of the model, white space removed, found in order in
    the structure's text (annotations of RT left out);
  - the overview table (八個先導區一覽): a Table whose first TR holds three TH with /Scope /Column, 先導區, 批次,
    重點領域, then one TR of TD per row of the model with its cells' text; no other TR with a TH (a repeated header
    is an artifact);
  - no element's own text is a bare page number (a folio), though pdftotext shows folios on the pages.
On tests/validate/zhuyin.md (both directions): Ruby elements of one RB and one RT each, the RT's /ActualText its
zhuyin (the first 床, ㄔㄨㄤˊ), and what pdfinfo reads of the RT's glyphs the start of it; the ruby's annotations
stay out of the paragraph's own text. On tests/validate/gfm.md: every Figure has a non-empty /Alt, a Note per footnote, and the link that
holds only an image is a Link with an OBJR and a Figure child.

Exits 0 when every check passes, 1 with one line per failure, 77 when pdfinfo, pdftotext or qpdf is missing.
"""
import collections, json, os, pathlib, re, subprocess, sys, tempfile

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import pdf_tagged  # noqa: E402
import tools  # noqa: E402
from pdf_tagged import PdfName, PdfString, Stream, is_ref, name, refnum  # noqa: E402

ROOT = HERE.parent.parent
BRIEF = "input/brief.yaml"
OVERVIEW = "八個先導區一覽"
OVERVIEW_HEADER = ["先導區", "批次", "重點領域"]
# A folio: figures, Roman numerals (the front matter's page labels) or Chinese numerals, alone.
FOLIO = re.compile(r"^(\d+|[ivxlcdm]+|[IVXLCDM]+|[〇零一二三四五六七八九十百千]+)$")


def squeeze(s):
    return re.sub(r"\s+", "", s or "")


class Node:
    def __init__(self, role, depth):
        self.role, self.depth = role, depth
        self.attrs = {}
        self.items = []  # str (a marked-content sequence's text), Node, or ("objr", "N G")

    def children(self):
        return [i for i in self.items if isinstance(i, Node)]

    def texts(self):
        return [i for i in self.items if isinstance(i, str)]

    def text(self, skip=()):
        """All the text in the element and its descendants, in reading order (roles in skip left out)."""
        out = []
        for i in self.items:
            if isinstance(i, str):
                out.append(i)
            elif isinstance(i, Node) and i.role not in skip:
                out.append(i.text(skip))
        return "".join(out)

    def walk(self):
        yield self
        for c in self.children():
            yield from c.walk()

    def objrs(self):
        return [i for i in self.items if isinstance(i, tuple) and i[0] == "objr"]


# ---------------------------------------------------------------------------------------------------------------
# poppler: pdfinfo -struct-text.

def poppler_tree(path):
    out = subprocess.run(["pdfinfo", "-struct-text", str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if out.returncode != 0:
        raise RuntimeError(f"pdfinfo -struct-text {path}: {out.stderr.decode(errors='replace').strip()}")
    root = Node("(root)", -1)
    stack = [(root, -1)]  # (node, indent of its line)
    pending = None  # a text whose closing quote has not come yet
    for line in out.stdout.decode("utf-8", "replace").splitlines():
        if pending is not None:
            pending[0].items[pending[1]] += "\n" + (line[:-1] if line.endswith('"') else line)
            if line.endswith('"'):
                pending = None
            continue
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip(" "))
        s = line.strip()
        while len(stack) > 1 and stack[-1][1] >= indent:
            stack.pop()
        owner = stack[-1][0]
        if s.startswith('"'):
            closed = len(s) > 1 and s.endswith('"')
            owner.items.append(s[1:-1] if closed else s[1:])
            if not closed:
                pending = (owner, len(owner.items) - 1)
        elif s.startswith("/"):
            key, _, value = s[1:].partition(" ")
            owner.attrs[key] = value.strip()
        elif s.startswith("Object "):
            owner.items.append(("objr", s[len("Object "):]))
        else:
            m = re.match(r"([A-Za-z][A-Za-z0-9_.\-]*)(?: \((?:block|inline)\))?:?$", s)
            if not m:
                raise RuntimeError(f"pdfinfo -struct-text {path}: cannot read the line {line!r}")
            node = Node(m.group(1), owner.depth + 1)
            owner.items.append(node)
            stack.append((node, indent))
    return root


# ---------------------------------------------------------------------------------------------------------------
# qpdf (through pdf_tagged): the same tree, the text of each MCID read with /ActualText spans honoured.

def actual_text(v):
    if isinstance(v, PdfString):
        b = bytes(v)
        if b[:2] == b"\xfe\xff":
            return b[2:].decode("utf-16-be", "replace")
        return b.decode("latin-1")
    return pdf_tagged.text(v)


class McText(str):
    """A marked-content sequence's text; cut: its length before its first nested /ActualText span (None: none)."""
    cut = None


def mcid_texts(c):
    """{(owner objnum, MCID): McText}."""
    out = collections.defaultdict(str)
    cuts = {}
    fonts = {}

    def scan(data, res, owner, font, context):
        res = c.resources_of(res)
        font_res = c.resources_of(res.get("/Font"))
        props = c.resources_of(res.get("/Properties"))
        xobjects = c.resources_of(res.get("/XObject"))
        stack = list(context)
        for op in pdf_tagged.tokenize(data):
            o = op.op
            if o in ("BMC", "BDC"):
                entry = None
                if o == "BDC" and len(op.operands) >= 2:
                    p = op.operands[1]
                    if isinstance(p, PdfName):
                        p = c.pdf.get(props.get("/" + p))
                        p = {k[1:]: v for k, v in p.items()} if isinstance(p, dict) else {}
                    if isinstance(p, dict) and isinstance(p.get("MCID"), int):
                        entry = ("mcid", p["MCID"])
                    elif isinstance(p, dict) and "ActualText" in p:
                        entry = ("actual", actual_text(p["ActualText"]) or "")
                mcids = [e for e in stack if e and e[0] == "mcid"]
                if entry and entry[0] == "actual" and mcids and not any(e and e[0] == "actual" for e in stack):
                    cuts.setdefault((owner, mcids[-1][1]), len(out[(owner, mcids[-1][1])]))
                    out[(owner, mcids[-1][1])] += entry[1]
                stack.append(entry)
            elif o == "EMC":
                if stack:
                    stack.pop()
            elif o == "Tf" and op.operands:
                ref = font_res.get("/" + str(op.operands[0]))
                key = refnum(ref) if is_ref(ref) else id(ref)
                if key not in fonts:
                    fonts[key] = pdf_tagged.Font(c.pdf, ref)
                font = fonts[key]
            elif o in pdf_tagged.TEXT_OPS:
                if any(e and e[0] == "actual" for e in stack):
                    continue
                mcids = [e for e in stack if e and e[0] == "mcid"]
                if not mcids or font is None:
                    continue
                for v in op.operands:
                    for s in (v if isinstance(v, list) else [v]):
                        if isinstance(s, PdfString):
                            for code in font.codes(s):
                                u = font.unicode(code)
                                out[(owner, mcids[-1][1])] += (pdf_tagged.utf16(u) or "") if u else ""
            elif o == "Do" and op.operands:
                xref = xobjects.get("/" + str(op.operands[0]))
                x = c.pdf.get(xref)
                if isinstance(x, Stream) and x.get("/Subtype") == "/Form":
                    form_owner = refnum(xref) if "/StructParents" in x.dict else owner
                    scan(x.data, x.get("/Resources", res), form_owner, font, stack)
        return font

    for pnum, page, res in c.pdf.pages:
        font = None
        for _, st in c.pdf.content_streams(page):
            font = scan(st.data, res, pnum, font, [])
    result = {}
    for key, t in out.items():
        result[key] = McText(t)
        result[key].cut = cuts.get(key)
    return result


def qpdf_tree(path):
    c = pdf_tagged.Checker(path, "none")
    c.check_catalog()
    c.walk_tree()
    texts = mcid_texts(c)
    root = Node("(root)", -1)

    def visit(d, parent):
        node = Node(c.role(name(d.get("/S")) or "?"), parent.depth + 1)
        parent.items.append(node)
        for kid in c.kids(d):
            if kid[0] == "mcid":
                node.items.append(texts.get((kid[1], kid[2]), McText("")))
            elif kid[0] == "objr":
                node.items.append(("objr", str(kid[1])))
            else:
                visit(kid[2], node)

    k = c.root.get("/K") if c.root else None
    for item in (k if isinstance(k, list) else [k] if k is not None else []):
        d = c.pdf.get(item)
        if isinstance(d, dict):
            visit(d, root)
    return root


def flatten(root):
    return [n for top in root.children() for n in top.walk()]


def read_structure(path, failures, label):
    """The poppler tree, its texts repaired where poppler cut them short, after the cross-checks."""
    ptree, qtree = poppler_tree(path), qpdf_tree(path)
    flat_p, flat_q = flatten(ptree), flatten(qtree)
    flat_s = pdf_tagged.structure(path)
    sig_p = [(n.depth, n.role) for n in flat_p]
    sig_s = [(d, role) for d, role, _, _ in flat_s]
    if sig_p != sig_s:
        i = next((i for i, (a, b) in enumerate(zip(sig_p, sig_s)) if a != b), min(len(sig_p), len(sig_s)))
        failures.append(f"{label}: pdfinfo -struct-text and pdf_tagged.structure() differ at element {i + 1}: "
                        f"{sig_p[i:i + 1]} against {sig_s[i:i + 1]} ({len(sig_p)} and {len(sig_s)} elements)")
        return None, []
    cut = 0
    for i, (p, q, s) in enumerate(zip(flat_p, flat_q, flat_s)):
        p.attrs["_qpdf"] = s[2]
        if ("Scope" in s[2]) != ("Scope" in p.attrs) or ("Scope" in s[2] and p.attrs["Scope"] != "/" + s[2]["Scope"]):
            failures.append(f"{label}: element {i + 1} ({p.role}): /Scope {p.attrs.get('Scope')!r} in pdfinfo, "
                            f"{s[2].get('Scope')!r} in pdf_tagged")
        pt, qt = p.texts(), q.texts()
        if len(pt) != len(qt):
            failures.append(f"{label}: element {i + 1} ({p.role}): {len(pt)} marked-content texts in pdfinfo, "
                            f"{len(qt)} in the content streams")
            continue
        k = 0
        for j, item in enumerate(p.items):
            if not isinstance(item, str):
                continue
            mine = qt[k]
            k += 1
            if item == mine:
                continue
            if "ActualText" in s[2]:
                pass  # the element's own /ActualText stands for it; its glyphs may be spanned with an empty one
            elif mine.cut is not None and item.startswith(mine[:mine.cut]):
                p.items[j] = str(mine)
                cut += 1
            else:
                failures.append(f"{label}: element {i + 1} ({p.role}): pdfinfo reads {item!r}, the content "
                                f"streams {mine!r}")
    if cut:
        print(f"note: {label}: {cut} text(s) that pdfinfo reads wrong after a nested /ActualText span read from "
              "the content streams")
    docs = ptree.children()
    if len(docs) != 1 or docs[0].role != "Document":
        failures.append(f"{label}: the structure tree's root holds {[d.role for d in docs]}, not one Document")
        return None, []
    return docs[0], flat_p


# ---------------------------------------------------------------------------------------------------------------
# The model.

def inline_text(content):
    out = []
    for item in content or []:
        if not isinstance(item, dict):
            continue
        if "text" in item and isinstance(item["text"], str):
            out.append(item["text"])
        out.append(inline_text(item.get("content")))
    return "".join(out)


def model_items(blocks, headings, texts):
    """Collects the model's headings (level, text) and the texts to find (paragraphs, table cells) in order."""
    for b in blocks or []:
        if not isinstance(b, dict):
            continue
        t = b.get("type")
        if t == "heading":
            headings.append((b.get("level"), inline_text(b.get("content"))))
            texts.append(inline_text(b.get("content")))
        elif t == "paragraph":
            texts.append(inline_text(b.get("content")))
        elif t == "table":
            tab = b.get("table", {})
            for cell in tab.get("header", []):
                texts.append(inline_text(cell.get("content")))
            for row in tab.get("rows", []):
                for cell in row:
                    texts.append(inline_text(cell.get("content")))
        for key in ("blocks", "items", "content"):
            v = b.get(key)
            if t in ("paragraph", "heading"):
                break
            if isinstance(v, list):
                for x in v:
                    model_items(x if isinstance(x, list) else [x], headings, texts)


def tables_of(blocks):
    return [b["table"] for b in blocks or [] if isinstance(b, dict) and b.get("type") == "table"]


# ---------------------------------------------------------------------------------------------------------------
# The checks.

def run(cmd):
    env = dict(os.environ, SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH", "1700000000"))
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)


def make_pdf(docexport, args, out, failures, label):
    r = run([docexport, "--pdf", "-q", "-o", str(out)] + args)
    if r.returncode != 0 or not out.is_file():
        failures.append(f"{label}: docexport {' '.join(args)} exited {r.returncode}: "
                        f"{r.stderr.decode(errors='replace').strip()}")
        return False
    return True


def check_brief(doc, flat, model, pdf, label, runs_on, failures):
    fail = lambda msg: failures.append(f"{label}: {msg}")  # noqa: E731
    title = model["meta"]["title"]
    sections = model["sections"]
    kids = doc.children()
    # The title first, as H1.
    if not kids or kids[0].role != "H1" or squeeze(kids[0].text()) != squeeze(title):
        fail(f"the first element is {kids[0].role if kids else None} "
             f"{squeeze(kids[0].text()) if kids else ''!r}, not the H1 {title!r}")
    # Running heads and folios are artifacts.
    everything = squeeze("".join(n.text() for n in kids))
    if everything.count(squeeze(title)) != 1:
        fail(f"the title {title!r} appears {everything.count(squeeze(title))} times in the structure's text, not "
             "once (a running head tagged as content?)")
    shown = run(["pdftotext", str(pdf), "-"]).stdout.decode("utf-8", "replace")
    if runs_on and squeeze(shown).count(squeeze(title)) < 2:
        fail("pdftotext shows the title fewer than twice with sections run on: no running head was drawn, so "
             "the check that it is an artifact proves nothing")
    layout = run(["pdftotext", "-layout", str(pdf), "-"]).stdout.decode("utf-8", "replace")
    if not any(FOLIO.match(line.strip()) for line in layout.splitlines()):
        fail("pdftotext -layout shows no folio (a line holding only a page number) on any page")
    for n in flat:
        for t in n.texts():
            if FOLIO.match(squeeze(t)) and n.role not in ("Link", "Lbl") and not (n.role == "TOCI"):
                fail(f"a {n.role} holds the bare number {t!r}: a folio tagged as content?")
    # The contents.
    try:
        ci = next(i for i, k in enumerate(kids) if k.role == "TOC")
    except StopIteration:
        fail("no TOC under the Document")
        ci = None
    first_sect = next((i for i, k in enumerate(kids) if k.role == "Sect"), len(kids))
    if ci is not None:
        if ci == 0 or kids[ci - 1].role != "H1" or ci > first_sect:
            fail("the TOC does not follow an H1 (the contents' heading) before the first Sect")
        tocis = kids[ci].children()
        if any(t.role != "TOCI" for t in tocis):
            fail(f"the TOC holds {sorted({t.role for t in tocis})}, not TOCI only")
        titles = [squeeze(inline_text(s["title"])) for s in sections]
        at = -1
        for si, st in enumerate(titles):
            starting = [i for i, t in enumerate(tocis) if squeeze(t.text()).startswith(st)]
            if len(starting) != 1:
                fail(f"{len(starting)} TOCI start with the title of section {si + 1}, {st!r}, not 1")
                continue
            if starting[0] <= at:
                fail(f"the TOCI of section {si + 1}, {st!r}, is not after that of the section before")
            at = starting[0]
        si = -1
        for t in tocis:
            text = squeeze(t.text())
            if si + 1 < len(titles) and text.startswith(titles[si + 1]):
                si += 1
                entry = titles[si]
            else:
                heads = []
                if si >= 0:
                    model_items(sections[si]["blocks"], heads, [])
                entry = next((squeeze(h) for _, h in heads if text.startswith(squeeze(h))), None)
                if entry is None:
                    fail(f"the TOCI {text!r} starts with neither a section title nor a heading of section {si + 1}")
                    continue
            if not FOLIO.match(text[len(entry):]):
                fail(f"the TOCI {text!r}: {text[len(entry):]!r} after the entry, not a page number only")
    # Sections, headings and the H1s.
    sects = [k for k in kids if k.role == "Sect"]
    if len(sects) != len(sections):
        fail(f"{len(sects)} Sect, the model has {len(sections)} sections")
    h1s = [n for n in flat if n.role == "H1"]
    expected_h1 = 2 + len(sects)
    if len(h1s) != expected_h1:
        fail(f"{len(h1s)} H1, expected {expected_h1} (title, contents and one per section)")
    for si, (sect, section) in enumerate(zip(sects, sections)):
        st = inline_text(section["title"])
        sk = sect.children()
        if not sk or sk[0].role != "H1" or squeeze(sk[0].text()) != squeeze(st):
            fail(f"Sect {si + 1}: the first child is {sk[0].role if sk else None} "
                 f"{squeeze(sk[0].text()) if sk else ''!r}, not the H1 {st!r}")
        source = (section.get("meta") or {}).get("source")
        if source and (len(sk) < 2 or sk[1].role != "P" or squeeze(source) not in squeeze(sk[1].text())):
            fail(f"Sect {si + 1}: the child after the H1 is not a P with the source {source!r}")
        heads = []
        model_items(section["blocks"], heads, [])
        found = [(n.role, squeeze(n.text())) for n in sect.walk() if re.fullmatch(r"H[1-6]?", n.role)][1:]
        if [t for _, t in found] != [squeeze(h) for _, h in heads]:
            fail(f"Sect {si + 1}: headings {found}, the model's {heads}")
        level = 1
        for role, t in found:
            m = re.fullmatch(r"H([1-6])", role)
            if not m:
                fail(f"Sect {si + 1}: the heading {t!r} is {role}, not H2-H6")
                continue
            lv = int(m.group(1))
            if lv < 2 or lv > level + 1:
                fail(f"Sect {si + 1}: the heading {t!r} is H{lv} after H{level} (below 2, or a level skipped)")
            level = lv
    # Paragraphs, list items, table cells: in order in the text.
    body = squeeze("".join(s.text(skip=("RT",)) for s in sects))
    at = 0
    for si, section in enumerate(sections):
        texts = []
        model_items(section["blocks"], [], texts)
        for t in texts:
            t = squeeze(t)
            if not t:
                continue
            k = body.find(t, at)
            if k < 0:
                where = body.find(t)
                fail(f"section {si + 1}: the text {t[:60]!r} is not in the structure's text after the one "
                     f"before" + (" (it comes earlier)" if where >= 0 else f"; near: {body[at:at + 60]!r}"))
                continue
            at = k + len(t)
    # The overview table.
    over = next((s for s in sects if s.children() and squeeze(s.children()[0].text()) == OVERVIEW), None)
    mtab = next((tables_of(s["blocks"]) for s in sections if squeeze(inline_text(s["title"])) == OVERVIEW), [])
    if over is None or not mtab:
        fail(f"no Sect (or no model table) for {OVERVIEW}")
        return
    tables = [n for n in over.walk() if n.role == "Table"]
    if len(tables) != 1:
        fail(f"the Sect {OVERVIEW} holds {len(tables)} Table, not 1")
        return
    rows = [n for n in tables[0].walk() if n.role == "TR"]
    if not rows:
        fail("the overview Table has no TR")
        return
    head = rows[0].children()
    got = [(c.role, c.attrs.get("Scope"), c.attrs["_qpdf"].get("Scope"), squeeze(c.text())) for c in head]
    want = [("TH", "/Column", "Column", h) for h in OVERVIEW_HEADER]
    if got != want:
        fail(f"the overview table's first TR is {got}, not {want}")
    if rows[0] is not tables[0].children()[0] and tables[0].children()[0].role not in ("THead",):
        fail("the overview table's first TR is not its first child (nor in a THead)")
    if any(c.role == "TH" for r in rows[1:] for c in r.children()):
        fail("a TR after the first holds a TH (a repeated header tagged as content?)")
    mrows = mtab[0].get("rows", [])
    if len(rows) - 1 != len(mrows):
        fail(f"the overview table has {len(rows) - 1} body rows, the model {len(mrows)}")
    for ri, (r, mr) in enumerate(zip(rows[1:], mrows), 1):
        cells = [(c.role, squeeze(c.text())) for c in r.children()]
        mc = [("TD", squeeze(inline_text(c.get("content")))) for c in mr]
        if cells != mc:
            fail(f"the overview table's row {ri}: {cells}, the model's {mc}")


def check_zhuyin(doc, flat, label, failures):
    rubies = [n for n in flat if n.role == "Ruby"]
    if len(rubies) < 10:
        failures.append(f"{label}: {len(rubies)} Ruby elements, expected the poem's (at least 10)")
    for n in rubies:
        kids = n.children()
        if [k.role for k in kids] != ["RB", "RT"]:
            failures.append(f"{label}: a Ruby holds {[k.role for k in kids]}, not RB then RT")
            continue
        rb, rt = kids
        base, drawn = squeeze(rb.text()), squeeze(rt.text())
        note = squeeze(rt.attrs["_qpdf"].get("ActualText"))
        if not base or not note:
            failures.append(f"{label}: a Ruby's RB {base!r} or the /ActualText of its RT {note!r} is empty")
        elif not re.fullmatch(r"[\u3100-\u312f\u31a0-\u31bf˙ˊˇˋ˪˫]+", note):
            failures.append(f"{label}: the RT over {base!r} has the /ActualText {note!r}, not zhuyin")
        elif not drawn or not note.startswith(drawn):
            # pdfinfo reads the RT's glyphs (their span's /ActualText is empty), up to its first nested span.
            failures.append(f"{label}: pdfinfo reads the RT over {base!r} as {drawn!r}, its /ActualText is {note!r}")
    for n in flat:
        if n.role == "P" and any(k.role == "Ruby" for k in n.children()):
            own = n.text(skip=("RT",))
            if re.search(r"[\u3100-\u312f\u31a0-\u31bf]", own):
                failures.append(f"{label}: the paragraph's text outside its RT holds zhuyin: {squeeze(own)[:40]!r}")
    if "床前明月光" not in squeeze("".join(n.text(skip=("RT",)) for n in doc.children())):
        failures.append(f"{label}: the poem's first line 床前明月光 is not in the text (RT left out)")
    first = [(squeeze(r.children()[0].text()), squeeze(r.children()[1].attrs["_qpdf"].get("ActualText")))
             for r in rubies[:1] if len(r.children()) == 2]
    if first and first[0] != ("床", "ㄔㄨㄤˊ"):
        failures.append(f"{label}: the first Ruby is {first[0]}, not 床 with ㄔㄨㄤˊ")


def check_gfm(doc, flat, label, failures):
    figures = [n for n in flat if n.role == "Figure"]
    if len(figures) < 2:
        failures.append(f"{label}: {len(figures)} Figure elements, expected 2 (an inline image, one in a link)")
    for f in figures:
        alt = f.attrs["_qpdf"].get("Alt")
        if not alt or not alt.strip():
            failures.append(f"{label}: a Figure without /Alt")
    alts = [f.attrs["_qpdf"].get("Alt") for f in figures]
    if "圖示" not in alts:
        failures.append(f"{label}: no Figure with /Alt '圖示' (the image in the link); the /Alt are {alts}")
    notes = [n for n in flat if n.role == "Note"]
    if len(notes) != 2:
        failures.append(f"{label}: {len(notes)} Note elements, the document has 2 referenced footnotes")
    wanted = ["腳註甲的內容。", "很長的腳註。第二段。"]
    for n, w in zip(notes, wanted):
        if w not in squeeze(n.text(skip=("Link",))):
            failures.append(f"{label}: a Note reads {squeeze(n.text())!r}, expected {w!r}")
    image_links = [n for n in flat if n.role == "Link" and [k.role for k in n.children()] == ["Figure"]
                   and not squeeze("".join(n.texts()))]
    if not image_links:
        failures.append(f"{label}: no Link holding only a Figure")
    for n in image_links:
        if not n.objrs():
            failures.append(f"{label}: the Link that holds only a Figure has no OBJR (its annotation is not tagged)")


def check_lang(doc, flat, label, failures):
    """tests/validate/lang.rss: a Latin quotation (span lang="la") and an English block quote in a Chinese entry."""
    spans = [n for n in flat if n.role == "Span" and n.attrs["_qpdf"].get("Lang") == "la"]
    if not spans or "Veni,vidi,vici" not in squeeze(spans[0].text()):
        failures.append(f"{label}: no Span with /Lang la reading 'Veni, vidi, vici'")
    quotes = [n for n in flat if n.role == "BlockQuote" and n.attrs["_qpdf"].get("Lang") == "en"]
    if not quotes:
        failures.append(f"{label}: no BlockQuote with /Lang en")
    if any(n.attrs["_qpdf"].get("Lang") for n in flat if n.role in ("H1", "Sect")):
        failures.append(f"{label}: /Lang on an element in the document's own language")


def check_lang_markdown(doc, flat, label, failures):
    """tests/golden/span-lang.md: <span lang="la"> and <q lang="en"> in a Chinese paragraph."""
    for lang, text in (("la", "Veni,vidi,vici"), ("en", "Icame,Isaw,Iconquered")):
        if not any(n.role == "Span" and n.attrs["_qpdf"].get("Lang") == lang and text in squeeze(n.text()) for n in flat):
            failures.append(f"{label}: no Span with /Lang {lang} reading {text!r}")


def main(argv):
    if len(argv) != 1:
        print(__doc__)
        return 2
    docexport = str(pathlib.Path(argv[0]).resolve())
    tools.require("qpdf", "pdfinfo", "pdftotext")
    failures = []
    with tempfile.TemporaryDirectory(prefix="pdf_structure.") as tmp:
        tmp = pathlib.Path(tmp)
        r = run([docexport, "--dump-model", BRIEF])
        if r.returncode != 0:
            print(f"FAIL: docexport --dump-model {BRIEF} exited {r.returncode}: {r.stderr.decode(errors='replace')}")
            return 1
        model = json.loads(r.stdout)
        style = tmp / "run-on.yaml"
        style.write_text((ROOT / "styles" / "brief.yaml").read_text(encoding="utf-8")
                         + "\nsections: {break: run-on}\n", encoding="utf-8")
        runs = [("brief", [], False), ("brief run-on", ["--style", str(style)], True),
                ("brief --vertical", ["--vertical"], False),
                ("brief --vertical run-on", ["--vertical", "--style", str(style)], True)]
        for i, (label, extra, runs_on) in enumerate(runs):
            pdf = tmp / f"brief{i}.pdf"
            if not make_pdf(docexport, extra + [BRIEF], pdf, failures, label):
                continue
            doc, flat = read_structure(pdf, failures, label)
            if doc is not None:
                before = len(failures)
                check_brief(doc, flat, model, pdf, label, runs_on, failures)
                print(f"{'ok' if len(failures) == before else 'FAIL'} {label}: {len(flat)} elements")
        for label, args, check in (("zhuyin", ["tests/validate/zhuyin.md"], check_zhuyin),
                                   ("zhuyin --vertical", ["--vertical", "tests/validate/zhuyin.md"], check_zhuyin),
                                   ("gfm", ["tests/validate/gfm.md"], check_gfm),
                                   ("lang", ["tests/validate/lang.rss"], check_lang),
                                   ("lang-markdown", ["tests/golden/span-lang.md"], check_lang_markdown)):
            pdf = tmp / (label.split()[0] + ".pdf")
            if not make_pdf(docexport, args, pdf, failures, label):
                continue
            doc, flat = read_structure(pdf, failures, label)
            if doc is not None:
                before = len(failures)
                check(doc, flat, label, failures)
                print(f"{'ok' if len(failures) == before else 'FAIL'} {label}: {len(flat)} elements")
    for f in failures:
        print(f"FAIL: {f}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
