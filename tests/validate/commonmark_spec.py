#!/usr/bin/env python3
"""The CommonMark spec's examples through both writers: no visible character of the expected HTML is lost.

usage: commonmark_spec.py [--jobs N] [--data JSON] [--only N[,N...]] DOCEXPORT

The examples are tests/data/commonmark-spec.json (spec 0.29, the version Debian 12's libcmark-gfm implements;
see tests/data/README.md). Each example is written to a Markdown file of its own (link reference definitions
and front matter belong to a whole file, so examples cannot share one) and converted once, to an EPUB and a
PDF, with a fixed CJK document title that cannot stand in for the spec's ASCII text. Then:

 1. The example's visible text is read from its expected HTML: text nodes and the `alt` of <img>, entities
    decoded; comments, declarations, processing instructions and the content of <script> and <style> are not
    visible.
 2. EPUB: the text of the spine's XHTML bodies (the navigation document and the cover page left out), <img> alt
    included. PDF: `pdftotext -raw -enc UTF-8`, without the front matter (pages before the first arabic folio),
    the folios and the running head (the document title).
 3. Every visible character must appear, in order, in each output: both sides NFC, all white space removed,
    nothing else normalised. A missing character is reported with its context (found by a longest common
    subsequence, so one lost character does not hide the rest).

Examples that differ on purpose are listed in INTENDED with the reason; they are reported apart and must still
differ (one that passes must be removed from the table). Prints each failing example (number, section, output,
missing characters in context, the Markdown) and ends with `N passed, M failed`; exits 1 on any failure, 77
(skipped) when pdftotext is missing (tools.py).
"""
import argparse, concurrent.futures, html.parser, json, os, pathlib, subprocess, sys, tempfile, time
import unicodedata

import tools
from epub_spine import spine_text

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "commonmark-spec.json"
# The document title: it is drawn on the title page, in the contents and as every page's running head, so it
# must share no character with the spec's text (which is ASCII, with a few Latin, Greek and Cyrillic letters).
TITLE = "規範範例"
CONTEXT = 12      # characters of context shown on each side of a missing run
SHOW_RUNS = 4     # missing runs shown per example and output

# Examples whose output differs from the spec on purpose: number → (outputs, reason). Keep it short and true.
INTENDED = {
    66: (("epub", "pdf"), "a file starting with a `---` line closed by another is YAML front matter "
                          "(docs/markdown.md); `Foo` between them is not a map of keys: ignored, with a warning"),
}


# -------------------------------------------------------------------------------------------- visible text

class VisibleText(html.parser.HTMLParser):
    """Collects what a browser shows of an HTML fragment: text and image alt text."""

    HIDDEN = {"script", "style"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.hidden = [], None

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN and self.hidden is None:
            self.hidden = tag
        elif tag == "img" and self.hidden is None:
            self.parts.append(dict(attrs).get("alt") or "")

    def handle_endtag(self, tag):
        if tag == self.hidden:
            self.hidden = None

    def handle_data(self, data):
        if self.hidden is None:
            self.parts.append(data)


def visible_text(markup):
    """Returns the visible text of an HTML fragment, NFC, white space runs collapsed to one space."""
    p = VisibleText()
    p.feed(markup)
    p.close()
    return " ".join(unicodedata.normalize("NFC", "".join(p.parts)).split())


def squeeze(s):
    """Returns s, NFC, without white space: the form both sides are compared in."""
    return "".join(c for c in unicodedata.normalize("NFC", s) if not c.isspace())


# ------------------------------------------------------------------------------------------------- outputs

def epub_text(path):
    """Returns the text of the EPUB's spine bodies in order (img alt included; navigation and cover left out)."""
    return spine_text(path)


def pdf_text(path):
    """Returns the body text of the PDF (pdftotext -raw, content-stream order): the pages from the first one
    with an arabic folio on, each without its folio and running head (drawn after the body, so its last lines)."""
    raw = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=120)
    if raw.returncode != 0:
        raise RuntimeError("pdftotext failed: " + raw.stderr.decode("utf-8", "replace").strip())
    pages = [[l.strip() for l in p.split("\n") if l.strip()] for p in raw.stdout.decode("utf-8").split("\f")]
    first = next((k for k, p in enumerate(pages) if p and p[-1].isdigit()), None)
    if first is None:
        raise RuntimeError("no page of the PDF has an arabic folio: cannot tell the body from the front matter")
    body = []
    for p in pages[first:]:
        if p and p[-1].isdigit():
            p = p[:-1]
        if p and p[-1] == TITLE:
            p = p[:-1]
        body.append("\n".join(p))
    return "\n".join(body)


# ------------------------------------------------------------------------------------------------ matching

def missing_chars(want, have):
    """Returns the indexes of the characters of want (squeezed) that are not matched in have (squeezed): none
    when want is a subsequence of have, else the complement of a longest common subsequence."""
    k = 0
    for c in have:
        if k < len(want) and c == want[k]:
            k += 1
    if k == len(want):
        return []
    # LCS, one row per character of want; only reached for failures, and examples are short.
    n, m = len(want), len(have)
    rows = [[0] * (m + 1)]
    for i in range(n):
        prev, row, c = rows[-1], [0] * (m + 1), want[i]
        for j in range(m):
            row[j + 1] = prev[j] + 1 if have[j] == c else max(prev[j + 1], row[j])
        rows.append(row)
    missing, i, j = [], n, m
    while i > 0:
        if j > 0 and want[i - 1] == have[j - 1] and rows[i][j] == rows[i - 1][j - 1] + 1:
            i, j = i - 1, j - 1
        elif j > 0 and rows[i][j] == rows[i][j - 1]:
            j -= 1
        else:
            missing.append(i - 1)
            i -= 1
    return sorted(missing)


def describe_missing(text, missing):
    """Returns lines showing the missing characters of text (visible text with single spaces) in context:
    `…context⟦missing⟧context…`, one line per run of adjacent missing characters."""
    where = [k for k, c in enumerate(text) if not c.isspace()]  # squeezed index → index in text
    runs = []
    for i in missing:
        if runs and i == runs[-1][1] + 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    lines = []
    for a, b in runs[:SHOW_RUNS]:
        s, e = where[a], where[b] + 1
        left = text[max(0, s - CONTEXT):s]
        right = text[e:e + CONTEXT]
        lines.append(("…" if s > CONTEXT else "") + left + "⟦" + text[s:e] + "⟧" + right +
                     ("…" if e + CONTEXT < len(text) else ""))
    if len(runs) > SHOW_RUNS:
        lines.append(f"… and {len(runs) - SHOW_RUNS} more runs")
    return lines


# ------------------------------------------------------------------------------------------------- running

def check_example(exe, example):
    """Converts one example and returns {output: (count missing, lines)} for each output that loses text, and
    the expected visible text."""
    text = visible_text(example["html"])
    want = squeeze(text)
    problems = {}
    with tempfile.TemporaryDirectory(prefix="docexport-cm-") as tmp:
        src = pathlib.Path(tmp) / f"example-{example['example']:03d}.md"
        src.write_bytes(example["markdown"].encode("utf-8"))
        run = subprocess.run([exe, "--epub", "--pdf", "--from", "markdown", "--lang", "en", "--title", TITLE,
                              src.name], cwd=tmp, capture_output=True, timeout=120)
        stderr = run.stderr.decode("utf-8", "replace").strip()
        if run.returncode < 0:
            return text, {"docexport": (len(want), [f"crashed (signal {-run.returncode}): {stderr[-300:]}"])}
        if not want:
            return text, {}  # nothing visible: nothing can be lost (docexport may refuse an empty file)
        for output, reader in (("epub", epub_text), ("pdf", pdf_text)):
            path = src.with_suffix("." + output)
            if not path.exists():
                note = stderr.splitlines()[0] if stderr else f"exit {run.returncode}"
                problems[output] = (len(want), [f"no {output} written: {note}"])
                continue
            try:
                have = squeeze(reader(path))
            except Exception as e:  # an unreadable output fails this example, not the whole run
                problems[output] = (len(want), [f"cannot read the {output}: {e}"])
                continue
            missing = missing_chars(want, have)
            if missing:
                problems[output] = (len(missing), describe_missing(text, missing))
    return text, problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("docexport")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--data", default=str(DATA))
    ap.add_argument("--only", help="comma-separated example numbers")
    args = ap.parse_args()
    tools.require("pdftotext")
    exe = str(pathlib.Path(args.docexport).resolve())
    examples = json.loads(pathlib.Path(args.data).read_text(encoding="utf-8"))
    if args.only:
        only = {int(n) for n in args.only.split(",")}
        examples = [e for e in examples if e["example"] in only]
    started = time.monotonic()
    # Threads are enough: the work is in the docexport and pdftotext processes they wait for.
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(lambda e: check_example(exe, e), examples))

    passed = failed = intended = 0
    for example, (text, problems) in zip(examples, results):
        n = example["example"]
        head = f"#{n} ({example['section']})"
        if n in INTENDED:
            outputs, reason = INTENDED[n]
            if set(problems) & set(outputs):
                intended += 1
                print(f"{head}: intended difference in {', '.join(sorted(set(problems) & set(outputs)))}: {reason}")
                problems = {o: p for o, p in problems.items() if o not in outputs}
            else:
                failed += 1
                print(f"FAIL {head}: listed in INTENDED for {', '.join(outputs)} but passes there now: "
                      f"remove it from the table")
                continue
        if not problems:
            passed += 1
            continue
        failed += 1
        for output in sorted(problems):
            count, lines = problems[output]
            print(f"FAIL {head} {output}: {count} of {len(squeeze(text))} visible characters missing")
            for line in lines:
                print(f"    {line}")
        print(f"    markdown: {json.dumps(example['markdown'], ensure_ascii=False)[:200]}")
    print(f"{len(examples)} examples in {time.monotonic() - started:.0f} s; {intended} intended differences "
          f"(INTENDED in {pathlib.Path(__file__).name})")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
