#!/usr/bin/env python3
"""Validates PDFs written by docexport with external tools (poppler-utils, qpdf).

usage: pdf_validate.py [options] -- COMMAND ARGS...   ({out} in ARGS is replaced by the PDF path)

The command runs twice with the same SOURCE_DATE_EPOCH; then:
  - both outputs are byte-identical (deterministic output);
  - qpdf --check exits 0 and prints no warning;
  - every link annotation says what it is: a /Contents that is not empty (qpdf --json);
  - pdffonts: every font is a Type 0 CID font (CID Type 0C / CID TrueType), embedded, subset, with ToUnicode;
  - no visual line starts with 、，。．：；？！）」』】〕〉》 or ends with （「『【〔〈《 (pdftotext -raw lines);
  - no glyph drawn is .notdef (code 0000 in a string that Tj/TJ shows in a page content stream);
  - pdftotext: the Han characters of the source (--source FILE, or {out}.txt written by the command) come back
    in order, whitespace removed (with --verbatim, every source line comes back verbatim, whitespace removed);
  - pdfinfo shows --title and --author when given, and Tagged: yes; --max-bytes bounds the size.
Exit 0 when everything holds; the failures are printed otherwise (exit 1); 77 (skipped) when one of the tools is
missing (tools.py).
"""
import argparse, collections, json, os, pathlib, re, subprocess, sys, tempfile

import layout_dump
import tools
from pdf_tagged import pdf_string

TOOLS = ("qpdf", "pdffonts", "pdftotext", "pdfinfo")

HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


def shown_strings(content):
    """Yields the strings that Tj, TJ, ' and \" show in a content stream (not those of marked content)."""
    i = 0
    n = len(content)
    array = None
    pending = []
    while i < n:
        c = content[i:i + 1]
        if c == b"(" or (c == b"<" and content[i + 1:i + 2] != b"<"):
            s, i = pdf_string(content, i)
            (array if array is not None else pending).append(s)
            continue
        if c == b"<" or c == b">":
            i += 2 if content[i + 1:i + 2] == c else 1
            continue
        if c == b"[":
            array = []
            i += 1
            continue
        if c == b"]":
            pending = array or []
            array = None
            i += 1
            continue
        if c == b"%":
            while i < n and content[i] not in (10, 13):
                i += 1
            continue
        if c.isspace() or c in b"{}/":
            i += 1
            continue
        m = re.match(rb"[^\s()<>\[\]{}/%]+", content[i:])
        token = m.group(0)
        i += len(token)
        if token in (b"Tj", b"TJ", b"'", b'"'):
            yield from pending
        if not re.match(rb"^[-+.0-9]+$", token):
            pending = []

def vertical_violations(layout, no_start, no_end):
    """Returns the columns of a --dump-layout of vertical text that start with a closing mark or end with an
    opening one (a column row: `  N column x X y Y h H fF/SIZE TEXT`, TEXT the source characters)."""
    bad = []
    for line in layout.splitlines():
        m = layout_dump.COLUMN.match(line)
        text = m.group(5).strip() if m else ""
        if text and (text[0] in no_start or text[-1] in no_end):
            bad.append(text)
    return bad


def self_test():
    """The column check finds what it must (a check that cannot fail proves nothing)."""
    ns, ne = set("、，。）」"), set("（「")
    layout = "page 1\n  1 column x 500.00 y 56.00 h 700.00 f2/10.50 」開頭\n  2 column x 480.00 y 56.00 h 700.00 f2/10.50 結尾「\n" \
             "  3 column x 460.00 y 56.00 h 700.00 f2/10.50 正常，\n"
    assert vertical_violations(layout, ns, ne) == ["」開頭", "結尾「"], vertical_violations(layout, ns, ne)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def is_subsequence(needle, hay):
    it = iter(hay)
    return all(c in it for c in needle)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", help="the source text (UTF-8); default {out}.txt")
    ap.add_argument("--model", nargs=2, metavar=("DOCEXPORT", "INPUT"),
                    help="take the source text from DOCEXPORT --dump-model INPUT (every text of the sections)")
    ap.add_argument("--model-arg", action="append", default=[],
                    help="an option for the --dump-model run (e.g. --model-arg=--annotations --model-arg=ruby)")
    ap.add_argument("--verbatim", action="store_true", help="every source line must come back verbatim")
    ap.add_argument("--title")
    ap.add_argument("--author")
    ap.add_argument("--max-bytes", type=int)
    ap.add_argument("--epoch", default="1613801940")
    ap.add_argument("--keep", help="copy the PDF here")
    ap.add_argument("--uri", action="append", default=[],
                    help="a link annotation must point to this URI (as written in the PDF, percent-encoded)")
    ap.add_argument("--vertical", action="store_true",
                    help="vertical text: Identity-V fonts, right-to-left binding, "
                         "no vertical presentation form in the extracted text, and the line-start and line-end "
                         "prohibitions checked on the columns of --dump-layout (with --model) instead of -raw lines")
    ap.add_argument("--no-warnings", action="store_true", help="the command must print no warning")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    self_test()
    cmd = a.command[1:] if a.command and a.command[0] == "--" else a.command
    tools.require(*TOOLS)
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        outs = []
        for i in range(2):
            out = os.path.join(tmp, f"run{i}.pdf")
            env = dict(os.environ, SOURCE_DATE_EPOCH=a.epoch)
            p = subprocess.run([c.replace("{out}", out) for c in cmd], capture_output=True, text=True, env=env)
            if p.returncode != 0:
                print(f"FAIL: the command exited {p.returncode}\n{p.stdout}\n{p.stderr}")
                return 1
            if i == 0 and p.stderr.strip():
                print("diagnostics:\n" + p.stderr.strip())
                if a.no_warnings and "warning:" in p.stderr:
                    failures.append("the command printed a warning")
            outs.append(out)
        pdf = outs[0]
        data = pathlib.Path(pdf).read_bytes()
        print(f"size: {len(data)} bytes")
        if a.keep:
            pathlib.Path(a.keep).write_bytes(data)
        if data != pathlib.Path(outs[1]).read_bytes():
            failures.append("two runs with the same SOURCE_DATE_EPOCH differ")
        if a.max_bytes and len(data) > a.max_bytes:
            failures.append(f"{len(data)} bytes, more than {a.max_bytes}")

        q = run(["qpdf", "--check", pdf])
        print("qpdf --check: exit", q.returncode, "|", " ".join(q.stdout.split("\n")[-3:]).strip())
        if q.returncode != 0 or "WARNING" in (q.stdout + q.stderr).upper():
            failures.append("qpdf --check: exit %d\n%s%s" % (q.returncode, q.stdout, q.stderr))

        j = run(["qpdf", "--json", pdf])
        links = [v["value"] for v in json.loads(j.stdout)["qpdf"][1].values()
                 if isinstance(v, dict) and isinstance(v.get("value"), dict) and v["value"].get("/Subtype") == "/Link"]
        unnamed = [l.get("/Rect") for l in links if l.get("/Contents", "u:") in ("u:", "b:", "")]
        print(f"links: {len(links)}, {len(unnamed)} without /Contents")
        if unnamed:
            failures.append(f"{len(unnamed)} of {len(links)} link annotations have no /Contents, e.g. at {unnamed[0]}")

        f = run(["pdffonts", pdf])
        print(f.stdout.rstrip())
        rows = f.stdout.splitlines()[2:]
        if f.returncode != 0 or not rows:
            failures.append("pdffonts failed or found no font")
        for row in rows:
            cols = row.split()
            # name type... encoding emb sub uni object ID
            emb, sub, uni = cols[-5], cols[-4], cols[-3]
            if (emb, sub, uni) != ("yes", "yes", "yes"):
                failures.append(f"font not embedded/subset/with ToUnicode: {row}")
            if "CID Type 0C" not in row and "CID TrueType" not in row:
                failures.append(f"not a Type 0 CID font: {row}")
            if not re.match(r"^[A-Z]{6}\+", cols[0]):
                failures.append(f"no subset tag: {row}")
        if a.vertical and not any("Identity-V" in row for row in rows):
            failures.append("no Identity-V font")

        # Content streams as written (decompressed, not normalised: qpdf would re-encode the strings).
        qdf = os.path.join(tmp, "qdf.pdf")
        run(["qpdf", "--qdf", "--normalize-content=n", "--object-streams=disable", pdf, qdf])
        raw = pathlib.Path(qdf).read_bytes()
        notdef = 0
        shown = 0
        for m in re.finditer(rb"%% Contents for page \d+\n(?:%%[^\n]*\n)*\d+ 0 obj\n.*?stream\n(.*?)\nendstream", raw, re.S):
            for codes in shown_strings(m.group(1)):
                shown += len(codes) // 2
                notdef += sum(1 for k in range(0, len(codes) - 1, 2) if codes[k] == 0 and codes[k + 1] == 0)
        if shown == 0:
            failures.append("no glyph codes found in the page content streams")
        if notdef:
            failures.append(f"{notdef} .notdef glyphs drawn")
        if a.vertical and not re.search(rb"/Direction\s*/R2L", raw):
            failures.append("no /ViewerPreferences /Direction /R2L (pages bound on the right)")
        uris = [u.decode("latin-1") for u in re.findall(rb"/URI \((.*?)\)\n", raw)]
        if a.uri:
            print("link URIs:", " ".join(uris))
        for uri in a.uri:
            if uri not in uris:
                failures.append(f"no link to {uri}")

        # Order is checked in content-stream order (-raw), which is the layout's reading order; poppler's default
        # mode may regroup short words separated by wide gaps (e.g. U+3000) into columns, so there only
        # completeness is checked.
        t = run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"])
        extracted = re.sub(r"\s+", "", t.stdout)
        # clreq line-start and line-end prohibitions on every visual line (-raw keeps one line per baseline).
        no_start, no_end = set("、，。．：；？！）」』】〕〉》"), set("（「『【〔〈《")
        bad_lines = [line.strip() for line in t.stdout.splitlines()
                     if line.strip() and (line.strip()[0] in no_start or line.strip()[-1] in no_end)]
        if a.vertical:
            # -raw gives vertical text a character per line: the columns come from the layout instead.
            if not a.model:
                failures.append("--vertical needs --model for the layout's columns")
            else:
                layout = run([a.model[0], "--dump-layout", "--vertical", *a.model_arg, a.model[1]], check=True).stdout
                bad_lines = vertical_violations(layout, no_start, no_end)
            forms = re.findall("[\ufe10-\ufe19\ufe30-\ufe4f]", t.stdout)
            if forms:
                failures.append("vertical presentation forms in the extracted text: " + "".join(forms[:20]))
        print(f"kinsoku: {len(bad_lines)} visual lines start with a closing or end with an opening mark")
        for line in bad_lines[:5]:
            failures.append(f"line breaks a clreq prohibition: {line}")
        if a.model:
            dump = subprocess.run([a.model[0], "--dump-model", *a.model_arg, a.model[1]], capture_output=True, text=True,
                                  check=True)
            texts, notes = [], []

            def walk(node, into):
                if isinstance(node, dict):
                    # Footnotes are set at the foot of the page that refers to them: checked in order apart.
                    if "footnote" in node.get("attr", {}).get("classes", []):
                        into = notes
                    for k, v in node.items():
                        if k == "text" and isinstance(v, str):
                            into.append(v)
                        else:
                            walk(v, into)
                elif isinstance(node, list):
                    for v in node:
                        walk(v, into)

            walk(json.loads(dump.stdout)["sections"], texts)
            source = "\n".join(texts)
            note_han = HAN.findall("\n".join(notes))
        else:
            source = pathlib.Path(a.source or pdf + ".txt").read_text(encoding="utf-8")
        src_han = HAN.findall(source)
        got_han = HAN.findall(extracted)
        print(f"pdftotext -raw: {len(got_han)} Han characters extracted, {len(src_han)} in the source")
        if a.model and not is_subsequence(note_han, got_han):
            failures.append("Han characters of the footnotes missing or out of order in pdftotext -raw output")
        if not is_subsequence(src_han, got_han):
            missing = [c for c in src_han if c not in got_han][:20]
            failures.append("Han characters of the source missing or out of order in pdftotext -raw output; e.g. "
                            + "".join(missing) + "\n" + t.stdout[:2000])
        default = HAN.findall(run(["pdftotext", "-enc", "UTF-8", pdf, "-"]).stdout)
        lost = collections.Counter(src_han + (note_han if a.model else [])) - collections.Counter(default)
        if lost:
            failures.append("pdftotext (default mode) loses Han characters: " + "".join(lost.elements())[:100])
        if a.verbatim:
            for line in source.splitlines():
                line = re.sub(r"\s+", "", line)
                if line and line not in extracted:
                    failures.append(f"line not extracted verbatim: {line}")

        i = run(["pdfinfo", pdf])
        info = dict((k.strip(), v.strip()) for k, _, v in (l.partition(":") for l in i.stdout.splitlines()))
        print("pdfinfo: Title=%r Author=%r Pages=%s" % (info.get("Title"), info.get("Author"), info.get("Pages")))
        if a.title is not None and info.get("Title") != a.title:
            failures.append(f"pdfinfo Title {info.get('Title')!r}, expected {a.title!r}")
        if a.author is not None and info.get("Author") != a.author:
            failures.append(f"pdfinfo Author {info.get('Author')!r}, expected {a.author!r}")
        # Every PDF docexport writes is tagged (docs/pdf.md, "Tagged PDF").
        if info.get("Tagged") != "yes":
            failures.append(f"pdfinfo Tagged {info.get('Tagged')!r}, expected 'yes'")

    if failures:
        print("FAIL:\n- " + "\n- ".join(failures))
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
