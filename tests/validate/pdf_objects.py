#!/usr/bin/env python3
"""Checks that a PDF written by docexport holds no object that nothing references.

usage: pdf_objects.py -- COMMAND ARGS...   ({out} in ARGS is replaced by the PDF path)

The command runs once; then qpdf --json lists every object of the file's cross-reference table, and the script
follows every reference from the trailer (/Root, /Info, and on through pages, fonts, annotations, outline items,
streams' dictionaries and /Length objects; object streams and cross-reference streams count as reached). An
object it never reaches is dead weight that a validator may
report (an orphaned link destination was one). Prints the counts; exit 0 when every object is reachable, 1
otherwise (the unreferenced objects are listed), 77 (skipped) when qpdf is missing (tools.py).
"""
import json, os, re, subprocess, sys, tempfile

import tools

# In qpdf's JSON v2, strings are "u:…" or "b:…" and names "/…": a bare "N G R" is a reference.
REFERENCE = re.compile(r"^(\d+) (\d+) R$")


def references(value, out):
    """Appends the keys ("obj:N G R") of the objects value refers to directly."""
    if isinstance(value, str):
        if REFERENCE.match(value):
            out.append("obj:" + value)
    elif isinstance(value, list):
        for item in value:
            references(item, out)
    elif isinstance(value, dict):
        for item in value.values():
            references(item, out)


def unreferenced(pdf):
    """Returns (number of objects, sorted list of (key, short description) of those the trailer does not reach)."""
    run = subprocess.run(["qpdf", "--json", "--json-key=qpdf", pdf], capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"FAIL: qpdf --json exited {run.returncode}: {run.stderr.strip()}")
    objects = json.loads(run.stdout)["qpdf"][1]
    reached, todo = set(), []
    references(objects["trailer"], todo)
    # Object streams and cross-reference streams are the file's structure (the objects packed in them are reached
    # through references like any other; /XRefStm is an offset, not a reference): reached, with their /Length.
    for key, value in objects.items():
        kind = value.get("stream", {}).get("dict", {}).get("/Type") if isinstance(value, dict) else None
        if kind in ("/ObjStm", "/XRef"):
            todo.append(key)
    while todo:
        key = todo.pop()
        if key in reached or key not in objects:
            continue
        reached.add(key)
        references(objects[key], todo)
    keys = [k for k in objects if k != "trailer"]
    number = lambda k: int(k.split(":")[1].split()[0])
    left = sorted((k for k in keys if k not in reached), key=number)
    return len(keys), [(k, json.dumps(objects[k], ensure_ascii=False)[:100]) for k in left]


def main():
    args = sys.argv[1:]
    if "--" not in args:
        sys.exit(__doc__)
    command = args[args.index("--") + 1:]
    tools.require("qpdf")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.pdf")
        env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
        run = subprocess.run([a.replace("{out}", out) for a in command], env=env, capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"FAIL: the command exited {run.returncode}: {run.stderr.strip()}")
        count, left = unreferenced(out)
    print(f"{count} objects, {len(left)} unreferenced")
    for key, what in left:
        print(f"  unreferenced {key[4:]}: {what}")
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main())
