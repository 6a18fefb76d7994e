#!/usr/bin/env python3
"""Checks that the output never depends on how many threads lay out and write it.

usage: thread_count.py DOCEXPORT INPUT...

Each input is exported to PDF and EPUB with DOCEXPORT_THREADS=1 and with DOCEXPORT_THREADS=4 (more threads than
this machine may have cores); the files and the diagnostics must be byte-identical.
"""
import os, pathlib, subprocess, sys, tempfile


def main():
    exe, inputs = sys.argv[1], sys.argv[2:]
    failures = []
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = pathlib.Path(tmpdir)
        for source in inputs:
            results = {}
            for threads in (1, 4):
                outputs = {}
                for ext in (".pdf", ".epub"):
                    out = tmp / f"{threads}{ext}"
                    env = dict(os.environ, DOCEXPORT_THREADS=str(threads), SOURCE_DATE_EPOCH="1613801940")
                    flag = "--pdf" if ext == ".pdf" else "--epub"
                    proc = subprocess.run([exe, flag, "-o", str(out), source], env=env, capture_output=True, timeout=300)
                    if proc.returncode != 0:
                        failures.append(f"{source}: exit {proc.returncode} with {threads} threads\n{proc.stderr.decode()}")
                        continue
                    outputs[ext] = (out.read_bytes(), proc.stderr)
                results[threads] = outputs
            for ext in (".pdf", ".epub"):
                a, b = results[1].get(ext), results[4].get(ext)
                if a is None or b is None:
                    continue
                if a[0] != b[0]:
                    failures.append(f"{source}: the {ext} differs between 1 and 4 threads")
                if a[1] != b[1]:
                    failures.append(f"{source}: the diagnostics of {ext} differ between 1 and 4 threads")
            print(f"{source}: " + ", ".join(f"{ext} {len(results[1][ext][0])} bytes" for ext in results[1]))
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
