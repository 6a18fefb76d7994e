#!/usr/bin/env python3
"""Proves that tests/validate/pdf_tagged.py can fail: it passes a tagged PDF, then fails each of its broken copies
with the rule that was broken.

usage: pdf_tagged_selftest.py [--pdf FILE --standard none|ua-1|a-2u|a-2u+ua-1] [--keep DIR]
       pdf_tagged_selftest.py --run DOCEXPORT [--standard MODE] [--keep DIR] -- ARGS...
         runs DOCEXPORT --pdf [--pdf-standard MODE] -o TMP.pdf ARGS (no --pdf-standard for none), then mutates
         TMP.pdf as --pdf does

Without --pdf, the PDF is Typst's PDF/UA-1 export of tests/validate/typst_ua.typ (bench/typst.js with the Typst node
compiler that .ci/setup installs; exit 77, skipped, without it or without qpdf and pdfinfo), checked as ua-1.
The mutations work on any tagged PDF (docexport's too), through a qpdf JSON round trip (qpdf --json-output, edit,
qpdf --json-input), so every broken copy is still a valid PDF (qpdf --check passes) and fails by the rule alone:
  unmarked      an /Artifact BMC/BDC ... EMC pair around painting operators removed (else an MCID's BDC/EMC pair)
                -> content.untagged
  heading-skip  the first heading that follows its predecessor by one level renamed two levels deeper (H1 then H2
                becomes H1 then H4) -> heading.skipped
  figure-alt    /Alt and /ActualText removed from a Figure -> figure.alt
  table-th      every TH of a table renamed TD -> table.no-th
  link-contents /Contents removed from a Link annotation -> link.contents
  pdfuaid       pdfuaid:part removed from the XMP (only when ua-1 is claimed) -> xmp.pdfuaid
A mutation that finds nothing to break in the PDF (no figure, no link...) is reported and fails the self-test for
Typst's PDF, which has everything; for another PDF it is skipped with a note.
The round-trip copy without a mutation must pass too, so that a failure is the mutation's.
"""
import argparse, base64, json, os, pathlib, re, subprocess, sys, tempfile

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import pdf_tagged  # noqa: E402
import tools  # noqa: E402
from pdf_tagged import name, refnum, is_ref  # noqa: E402


class NotApplicable(Exception):
    pass


class Doc:
    """A PDF as qpdf JSON (version 2, streams inline and decoded where qpdf can), to edit and write back."""

    def __init__(self, path):
        out = subprocess.run(["qpdf", "--json-output=2", "--decode-level=generalized", str(path), "-"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
        self.json = json.loads(out.stdout)
        self.objects = self.json["qpdf"][1]

    def entry(self, ref):
        return self.objects.get(f"obj:{refnum(ref)} 0 R") if is_ref(ref) else None

    def get(self, v):
        """The value of a reference (a stream's dict for a stream), or v itself."""
        e = self.entry(v)
        if e is None:
            return v
        return e["stream"]["dict"] if "stream" in e else e.get("value")

    def data(self, ref):
        e = self.entry(ref)
        return base64.b64decode(e["stream"].get("data", "")) if e and "stream" in e else None

    def set_data(self, ref, data):
        self.entry(ref)["stream"]["data"] = base64.b64encode(data).decode("ascii")

    def catalog(self):
        return self.get(self.objects["trailer"]["value"]["/Root"])

    def pages(self):
        out = []

        def walk(ref, seen):
            d = self.get(ref)
            if not isinstance(d, dict) or refnum(ref) in seen:
                return
            seen.add(refnum(ref))
            if "/Kids" in d:
                for k in d["/Kids"]:
                    walk(k, seen)
            else:
                out.append((ref, d))
        walk(self.catalog()["/Pages"], set())
        return out

    def write(self, path):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(self.json, f)
        try:
            subprocess.run(["qpdf", "--json-input", f.name, str(path)], check=True, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE)
        finally:
            os.unlink(f.name)

    # The structure tree.
    def role(self, s):
        root = self.get(self.catalog().get("/StructTreeRoot")) or {}
        rolemap = self.get(root.get("/RoleMap")) or {}
        seen = set()
        while s not in pdf_tagged.STANDARD_TYPES and s not in seen:
            seen.add(s)
            nxt = name(rolemap.get("/" + s)) if isinstance(rolemap, dict) else None
            if nxt is None:
                break
            s = nxt
        return s

    def elements(self):
        """The structure elements in reading order: (element dict, its standard role), depth first."""
        root = self.get(self.catalog().get("/StructTreeRoot"))
        out = []
        seen = set()

        def visit(v):
            d = self.get(v)
            if not isinstance(d, dict) or "/S" not in d:
                return
            if is_ref(v):
                if refnum(v) in seen:
                    return
                seen.add(refnum(v))
            out.append((d, self.role(name(d["/S"]))))
            k = d.get("/K")
            for kid in k if isinstance(k, list) else [k]:
                if is_ref(kid) or isinstance(kid, dict):
                    visit(kid)
        if isinstance(root, dict):
            k = root.get("/K")
            for kid in k if isinstance(k, list) else [k]:
                visit(kid)
        return out


# ---------------------------------------------------------------------------------------------------------------
# The mutations: each breaks one rule in doc (or raises NotApplicable) and returns what it did.

def unmarked(doc):
    fallback = None
    for pageno, (pref, page) in enumerate(doc.pages(), 1):
        contents = page.get("/Contents")
        for sref in contents if isinstance(contents, list) else [contents]:
            data = doc.data(sref)
            d = doc.get(sref)
            if data is None or "/Filter" in d:
                continue
            ops = list(pdf_tagged.tokenize(data))
            stack = []  # (index of the opening op, kind, paints directly)
            for i, op in enumerate(ops):
                if op.op in ("BMC", "BDC"):
                    tag = str(op.operands[0]) if op.operands else ""
                    mcid = op.op == "BDC" and len(op.operands) > 1 and isinstance(op.operands[1], dict) \
                        and "MCID" in op.operands[1]
                    stack.append([i, "artifact" if tag == "Artifact" else "mcid" if mcid else "other", False])
                elif op.op == "EMC" and stack:
                    start, kind, paints = stack.pop()
                    if paints and kind == "artifact" and not any(s[1] in ("artifact", "mcid") for s in stack):
                        return _cut(doc, sref, data, ops[start], op, f"page {pageno}: /Artifact {ops[start].op} "
                                    f"... EMC removed around {paints}")
                    if paints and kind == "mcid" and fallback is None and \
                            not any(s[1] in ("artifact", "mcid") for s in stack):
                        fallback = (sref, data, ops[start], op, f"page {pageno}: the BDC/EMC of MCID "
                                    f"{ops[start].operands[1]['MCID']} removed around {paints}")
                elif stack and (op.op in pdf_tagged.TEXT_OPS or op.op in pdf_tagged.PATH_PAINT_OPS or op.op == "BI"):
                    stack[-1][2] = stack[-1][2] or op.op
    if fallback:
        return _cut(doc, *fallback)
    raise NotApplicable("no marked content around painting operators")


def _cut(doc, sref, data, open_op, close_op, what):
    out = data[:open_op.start] + b" " * (open_op.end - open_op.start) + data[open_op.end:close_op.start] \
        + b" " * (close_op.end - close_op.start) + data[close_op.end:]
    doc.set_data(sref, out)
    return what


def heading_skip(doc):
    last = None
    for d, role in doc.elements():
        m = re.fullmatch(r"H([1-6])", role or "")
        if not m:
            continue
        level = int(m.group(1))
        if last is not None and level <= last + 1 and last + 2 <= 6:
            new = min(6, last + 3)
            old = name(d["/S"])
            d["/S"] = f"/H{new}"
            return f"/{old} (H{level}) after H{last} renamed /H{new}"
        last = level
    raise NotApplicable("no heading that follows another")


def figure_alt(doc):
    for d, role in doc.elements():
        if role == "Figure":
            d.pop("/Alt", None)
            d.pop("/ActualText", None)
            return "/Alt and /ActualText removed from a Figure"
    raise NotApplicable("no Figure")


def table_th(doc):
    els = doc.elements()
    for i, (d, role) in enumerate(els):
        if role != "Table":
            continue
        ths = []

        def collect(v):
            e = doc.get(v)
            if not isinstance(e, dict) or "/S" not in e:
                return
            r = doc.role(name(e["/S"]))
            if r == "TH":
                ths.append(e)
            if r == "Table":
                return
            k = e.get("/K")
            for kid in k if isinstance(k, list) else [k]:
                if is_ref(kid) or isinstance(kid, dict):
                    collect(kid)
        k = d.get("/K")
        for kid in k if isinstance(k, list) else [k]:
            if is_ref(kid) or isinstance(kid, dict):
                collect(kid)
        if ths:
            for e in ths:
                e["/S"] = "/TD"
            return f"the {len(ths)} TH of a table renamed TD"
    raise NotApplicable("no table with a TH")


def link_contents(doc):
    for pageno, (pref, page) in enumerate(doc.pages(), 1):
        annots = doc.get(page.get("/Annots"))
        for a in annots if isinstance(annots, list) else []:
            ad = doc.get(a)
            if isinstance(ad, dict) and ad.get("/Subtype") == "/Link" and "/Contents" in ad:
                del ad["/Contents"]
                return f"page {pageno}: /Contents removed from link annotation {refnum(a)}"
    raise NotApplicable("no link annotation with /Contents")


def pdfuaid(doc):
    ref = doc.catalog().get("/Metadata")
    data = doc.data(ref)
    if data is None or "/Filter" in doc.get(ref):
        raise NotApplicable("no readable XMP metadata")
    out = re.sub(rb"<pdfuaid:part>[^<]*</pdfuaid:part>\s*", b"", data)
    out = re.sub(rb"\s+pdfuaid:part\s*=\s*(\"[^\"]*\"|'[^']*')", b"", out)
    if out == data:
        raise NotApplicable("no pdfuaid:part in the XMP")
    doc.set_data(ref, out)
    return "pdfuaid:part removed from the XMP"


MUTATIONS = [("unmarked", unmarked, "content.untagged"), ("heading-skip", heading_skip, "heading.skipped"),
             ("figure-alt", figure_alt, "figure.alt"), ("table-th", table_th, "table.no-th"),
             ("link-contents", link_contents, "link.contents"), ("pdfuaid", pdfuaid, "xmp.pdfuaid")]


def qpdf_check(path):
    r = subprocess.run(["qpdf", "--check", str(path)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return r.returncode == 0, r.stdout.decode(errors="replace").strip()


def selftest(pdf, standard, work, strict):
    failures = []
    notes = []
    base = pdf_tagged.check(pdf, standard)
    if base:
        failures.append(f"the unmutated PDF fails --standard {standard}:\n  " + "\n  ".join(base))
    copy = work / "roundtrip.pdf"
    Doc(pdf).write(copy)
    ok, msg = qpdf_check(copy)
    if not ok:
        failures.append(f"the qpdf JSON round trip breaks the PDF: {msg}")
    elif not base:
        again = pdf_tagged.check(copy, standard)
        if again:
            failures.append("the round-trip copy (no mutation) fails:\n  " + "\n  ".join(again))
    for label, mutate, rule in MUTATIONS:
        if label == "pdfuaid" and "ua-1" not in standard:
            continue
        doc = Doc(pdf)
        try:
            what = mutate(doc)
        except NotApplicable as e:
            (failures if strict else notes).append(f"{label}: nothing to break ({e})")
            continue
        out = work / f"{label}.pdf"
        doc.write(out)
        ok, msg = qpdf_check(out)
        if not ok:
            failures.append(f"{label}: the mutated PDF is not valid ({what}): {msg}")
            continue
        violations = pdf_tagged.check(out, standard)
        hits = [v for v in violations if f": {rule}: " in v]
        if not hits:
            failures.append(f"{label}: {what}; the checker did not report {rule}; it said:\n  "
                            + ("\n  ".join(violations) or "nothing"))
        else:
            print(f"ok {label}: {what} -> {hits[0].split(': ', 1)[1]}")
    for n in notes:
        print(f"note: {n}")
    return failures


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pdf", help="mutate this tagged PDF instead of Typst's")
    ap.add_argument("--standard", choices=pdf_tagged.STANDARDS, help="the standard --pdf claims (default none)")
    ap.add_argument("--keep", help="write the PDFs into this directory (kept)")
    ap.add_argument("--run", metavar="DOCEXPORT", help="mutate the PDF that DOCEXPORT --pdf ... ARGS writes")
    ap.add_argument("args", nargs="*", help="with --run: docexport's arguments (after --)")
    a = ap.parse_args(argv)
    if a.run and a.pdf:
        ap.error("--run and --pdf exclude each other")
    if a.args and not a.run:
        ap.error("arguments are for --run")
    tools.require("qpdf", "pdfinfo")
    with tempfile.TemporaryDirectory(prefix="pdf_tagged_selftest.") as tmp:
        work = pathlib.Path(a.keep or tmp)
        work.mkdir(parents=True, exist_ok=True)
        if a.pdf:
            pdf, standard, strict = a.pdf, a.standard or "none", False
        elif a.run:
            pdf, standard, strict = work / "docexport.pdf", a.standard or "none", False
            cmd = [a.run, "--pdf"] + ([] if standard == "none" else ["--pdf-standard", standard]) \
                + ["-o", str(pdf)] + a.args
            env = dict(os.environ, SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH", "1700000000"))
            r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
            if r.returncode != 0 or not pdf.is_file():
                print(f"FAIL: {' '.join(cmd)} exited {r.returncode}:\n{r.stdout.decode(errors='replace')}")
                return 1
        else:
            typst_dir = tools.find("typst")
            if typst_dir is None:
                print("SKIP: not found: the Typst node compiler (npm @myriaddreamin/typst-ts-node-compiler) or node; "
                      ".ci/setup installs them")
                return tools.SKIP
            pdf, standard, strict = work / "typst_ua.pdf", "ua-1", True
            r = subprocess.run(["node", str(HERE.parent.parent / "bench" / "typst.js"), str(HERE / "typst_ua.typ"),
                                str(pdf), "ua-1"], env=dict(os.environ, TYPST_NODE_DIR=typst_dir),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            if r.returncode != 0:
                print(f"FAIL: Typst did not compile tests/validate/typst_ua.typ:\n{r.stdout.decode(errors='replace')}")
                return 1
        failures = selftest(pdf, standard, work, strict)
    for f in failures:
        print(f"FAIL: {f}")
    if not failures:
        what = a.pdf if a.pdf else f"docexport’s PDF of {' '.join(a.args)}" if a.run else "Typst’s PDF/UA-1 file"
        print(f"pdf_tagged.py passes {what} and fails each broken copy")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
