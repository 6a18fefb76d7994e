#!/usr/bin/env python3
"""Compares `docexport --dump-layout [ARGS] NAME.md` with the golden file NAME.layout.

ARGS come from an optional NAME.args file (one line of shell words). Diagnostics (stderr) are part of the
golden file, after a "# diagnostics" line. With UPDATE_GOLDEN=1 in the environment the golden file is
rewritten instead (review the diff: every x and y of every line is in it).
"""
import difflib, os, pathlib, shlex, subprocess, sys


def main():
    exe, source = sys.argv[1], pathlib.Path(sys.argv[2])
    try:
        source = source.resolve().relative_to(pathlib.Path.cwd())   # stable paths in diagnostics
    except ValueError:
        pass
    golden = source.with_suffix(".layout")
    args_file = source.with_suffix(".args")
    args = shlex.split(args_file.read_text(encoding="utf-8")) if args_file.exists() else []
    proc = subprocess.run([exe, "--dump-layout", *args, str(source)], capture_output=True, timeout=60)
    if proc.returncode != 0:
        print(f"FAIL {source}: exit code {proc.returncode}\n{proc.stderr.decode('utf-8', 'replace')}")
        return 1
    got = proc.stdout.decode("utf-8")
    stderr = proc.stderr.decode("utf-8")
    if stderr:
        got += "# diagnostics\n" + stderr
    if os.environ.get("UPDATE_GOLDEN") == "1":
        golden.write_text(got, encoding="utf-8")
        print(f"updated {golden}")
        return 0
    if not golden.exists():
        print(f"FAIL {source}: no golden file {golden}; run with UPDATE_GOLDEN=1 and review it")
        return 1
    want = golden.read_text(encoding="utf-8")
    if got != want:
        diff = difflib.unified_diff(want.splitlines(), got.splitlines(), str(golden), "docexport --dump-layout", lineterm="")
        print(f"FAIL {source}: the layout dump differs from {golden}")
        print("\n".join(list(diff)[:200]))
        return 1
    print(f"ok {source}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
