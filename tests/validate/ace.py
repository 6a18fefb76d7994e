#!/usr/bin/env python3
"""Runs DAISY Ace (the EPUB accessibility checker publishers use) on the EPUBs docexport writes.

usage: ace.py DOCEXPORT

Writes the sample (horizontal and vertical), the GFM sample, a feed issue, a test feed, the real feeds of
tests/feeds/real (--lang en: they do not say they are English) and a README with an image-only link, runs Ace
(npm @daisy/ace's ace-puppeteer, with Debian's chromium) on each, two at a time, and fails on any violation Ace
reports. Skips (exit 77) when Ace, node or chromium is missing: .ci/setup installs them.
"""
import concurrent.futures, json, os, pathlib, shutil, subprocess, sys, tempfile

import tools
from a11y_inputs import real_feeds, write_readme

ROOT = pathlib.Path(__file__).resolve().parents[2]


def violations(report):
    """Returns (rule, impact, file) for every failed check of an Ace report.json."""
    found = []

    def walk(assertion, where):
        where = assertion.get("earl:testSubject", {}).get("url", where)
        result = assertion.get("earl:result", {})
        if result.get("earl:outcome") == "fail" and not assertion.get("assertions"):
            test = assertion.get("earl:test", {})
            found.append((test.get("dct:title", "?"), test.get("earl:impact", "?"), where))
        for a in assertion.get("assertions", []):
            walk(a, where)

    for a in report.get("assertions", []):
        walk(a, "")
    return found


def main():
    exe = sys.argv[1]
    tools.require("ace", "node", "chromium")
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": shutil.which("chromium")}
    inputs = [
        ("sample", ["input/brief.yaml"]),
        ("sample-vertical", ["--vertical", "input/brief.yaml"]),
        ("gfm", ["tests/validate/gfm.md"]),
        ("issue", ["tests/feeds/issue.yaml"]),
        ("rss2", ["tests/feeds/rss2-zh.rss"]),
    ] + [(pathlib.Path(p).stem, ["--lang", "en", p]) for p in real_feeds()]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        inputs.append(("readme", [str(write_readme(tmp))]))
        epubs = []
        for name, args in inputs:
            out = tmp / (name + ".epub")
            proc = subprocess.run([exe, "--epub", "-q", "-o", str(out)] + args, cwd=ROOT, capture_output=True, text=True)
            if proc.returncode != 0:
                failures.append(f"{name}: docexport exited {proc.returncode}: {proc.stderr[:300]}")
            else:
                epubs.append((name, out))

        def check(item):
            name, epub = item
            report_dir = tmp / ("ace-" + name)
            proc = subprocess.run([tools.find("ace"), "--silent", "-o", str(report_dir), str(epub)], env=env,
                                  capture_output=True, text=True, timeout=600)
            report = report_dir / "report.json"
            if not report.is_file():
                return name, None, proc.stdout[-500:] + proc.stderr[-500:]
            return name, violations(json.loads(report.read_text(encoding="utf-8"))), ""

        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            for name, found, error in pool.map(check, epubs):
                if found is None:
                    failures.append(f"{name}: Ace wrote no report: {error}")
                    continue
                print(f"{name}: {len(found)} violations")
                failures += [f"{name}: {rule} ({impact}) in {where}" for rule, impact, where in found]
    for f in failures[:40]:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
