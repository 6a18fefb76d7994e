#!/usr/bin/env python3
"""Checks that the output never depends on how many threads lay out and write it.

usage: thread_count.py DOCEXPORT INPUT...

Each input is exported to PDF and EPUB with DOCEXPORT_THREADS=1, then three times with DOCEXPORT_THREADS=4 (more
threads than this machine may have cores, so that they interleave differently each time); the files and the
diagnostics must be byte-identical.
"""
import os, pathlib, subprocess, sys, tempfile


def main():
    exe, inputs = sys.argv[1], sys.argv[2:]
    failures = []
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = pathlib.Path(tmpdir)
        for source in inputs:
            results = {}
            for run_index, threads in enumerate((1, 4, 4, 4)):
                outputs = {}
                for ext in (".pdf", ".epub"):
                    out = tmp / f"{run_index}{ext}"
                    env = dict(os.environ, DOCEXPORT_THREADS=str(threads), SOURCE_DATE_EPOCH="1613801940")
                    flag = "--pdf" if ext == ".pdf" else "--epub"
                    proc = subprocess.run([exe, flag, "-o", str(out), source], env=env, capture_output=True, timeout=300)
                    if proc.returncode != 0:
                        failures.append(f"{source}: exit {proc.returncode} with {threads} threads\n{proc.stderr.decode()}")
                        continue
                    outputs[ext] = (out.read_bytes(), proc.stderr)
                results[run_index] = outputs
            for run_index in (1, 2, 3):
                for ext in (".pdf", ".epub"):
                    a, b = results[0].get(ext), results[run_index].get(ext)
                    if a is None or b is None:
                        continue
                    if a[0] != b[0]:
                        failures.append(f"{source}: the {ext} of run {run_index + 1} (4 threads) differs from 1 thread")
                    if a[1] != b[1]:
                        failures.append(f"{source}: the diagnostics of {ext} differ between 1 and 4 threads")
            print(f"{source}: " + ", ".join(f"{ext} {len(results[0][ext][0])} bytes" for ext in results[0]))
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
