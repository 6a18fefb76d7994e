#!/usr/bin/env python3
"""Exports a feed to EPUB and PDF and validates both: usage export_check.py DOCEXPORT FEED [--title TITLE].

EPUB: EPUBCheck with 0 errors and 0 warnings; the Han characters of the spine equal those of
the model (docexport --dump-model), in order. PDF: tests/validate/pdf_validate.py with --model (qpdf clean,
embedded CID fonts, no .notdef, pdftotext gives back every Han character in order, byte-identical reruns).
Exits 77 (skipped) when java, EPUBCheck, qpdf or poppler-utils is missing (tests/validate/tools.py).
"""
import pathlib, subprocess, sys, tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "validate"))
import epub_checks  # noqa: E402  (epubcheck, spine_han, model_han)
import pdf_validate  # noqa: E402  (TOOLS)
import tools  # noqa: E402


def main():
    exe, feed = sys.argv[1], sys.argv[2]
    tools.require("java", "epubcheck", *pdf_validate.TOOLS)
    with tempfile.TemporaryDirectory() as tmp:
        epub = pathlib.Path(tmp) / "feed.epub"
        epub_checks.run(exe, ["--epub", "-o", epub, feed])
        # 0 errors and 0 warnings (usage-level messages, e.g. HTM-006 for an escaped &lt;, are the writer's).
        check = subprocess.run(["java", "-jar", tools.epubcheck_jar(), str(epub)], capture_output=True, text=True)
        if check.returncode != 0 or "No errors or warnings detected" not in check.stdout + check.stderr:
            print(check.stdout + check.stderr)
            epub_checks.fail("epubcheck reported errors or warnings")
        want, got = epub_checks.model_han(exe, [feed]), epub_checks.spine_han(epub)
        if not want or want != got:
            epub_checks.fail(f"EPUB Han text differs from the model: {len(want)} in the model, {len(got)} in the spine")
    proc = subprocess.run([sys.executable, str(ROOT / "tests" / "validate" / "pdf_validate.py"), "--model", exe, feed,
                           "--", exe, "--pdf", "-o", "{out}", feed], capture_output=True, text=True)
    print(proc.stdout + proc.stderr)
    if proc.returncode == tools.SKIP:
        return tools.SKIP
    if proc.returncode != 0:
        epub_checks.fail("PDF validation failed (see above)")
    print(f"ok {feed}: EPUB and PDF")
    return 0


if __name__ == "__main__":
    sys.exit(main())
