#!/usr/bin/env python3
"""Runs one command test of the docexport CLI.

A .test file holds lines `key: value` (and `#` comments):
  args: ARGS...            the command line after `docexport` (shell words; {tmp} is a fresh directory)
  exit: N                  the expected exit code
  stdout-contains: TEXT    stdout must contain TEXT (repeatable)
  stderr-contains: TEXT    stderr must contain TEXT (repeatable)
  stdout-lacks: TEXT / stderr-lacks: TEXT   must not contain TEXT (repeatable)
  stderr-matches: REGEX    some stderr line must match REGEX (repeatable)
  timeout: SECONDS         the command must end within this time (default 60)
  setup: PYTHON            a Python statement run first, with tmp (a pathlib.Path) in scope (repeatable)
  file-absent: PATH        after the run, PATH ({tmp} allowed) must not exist (repeatable)
  file-contains: PATH TEXT after the run, PATH must contain TEXT (repeatable)
"""
import pathlib, re, shlex, subprocess, sys, tempfile


def main():
    exe, test = sys.argv[1], pathlib.Path(sys.argv[2])
    spec = {}
    for raw in test.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        key, _, value = raw.partition(":")
        spec.setdefault(key.strip(), []).append(value.strip())
    failures = []
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = pathlib.Path(tmpdir)
        for stmt in spec.get("setup", []):
            exec(stmt, {"tmp": tmp, "pathlib": pathlib})
        sub = lambda s: s.replace("{tmp}", str(tmp))
        args = [sub(a) for a in shlex.split(spec.get("args", [""])[0])]
        timeout = float(spec.get("timeout", ["60"])[0])
        try:
            proc = subprocess.run([exe] + args, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            print(f"FAIL {test.name}: did not end within {timeout} s")
            return 1
        out = proc.stdout.decode("utf-8", "replace")
        err = proc.stderr.decode("utf-8", "replace")
        want = int(spec.get("exit", ["0"])[0])
        if proc.returncode != want:
            failures.append(f"exit code {proc.returncode}, expected {want}")
        if proc.returncode < 0 or proc.returncode >= 128:
            failures.append("the process crashed")
        for t in spec.get("stdout-contains", []):
            if sub(t) not in out:
                failures.append(f"stdout lacks {t!r}")
        for t in spec.get("stderr-contains", []):
            if sub(t) not in err:
                failures.append(f"stderr lacks {t!r}")
        for t in spec.get("stdout-lacks", []):
            if sub(t) in out:
                failures.append(f"stdout contains {t!r}")
        for t in spec.get("stderr-lacks", []):
            if sub(t) in err:
                failures.append(f"stderr contains {t!r}")
        for r in spec.get("stderr-matches", []):
            if not any(re.search(r, line) for line in err.splitlines()):
                failures.append(f"no stderr line matches {r!r}")
        for p in spec.get("file-absent", []):
            if pathlib.Path(sub(p)).exists():
                failures.append(f"{p} exists")
        for fc in spec.get("file-contains", []):
            p, _, t = fc.partition(" ")
            path = pathlib.Path(sub(p))
            if not path.exists() or t not in path.read_text(encoding="utf-8", errors="replace"):
                failures.append(f"{p} lacks {t!r}")
        if failures:
            print(f"FAIL {test.name}: " + "; ".join(failures))
            print("--- stdout (first 2000 chars)\n" + out[:2000])
            print("--- stderr (first 2000 chars)\n" + err[:2000])
            return 1
        print(f"ok {test.name}")
        return 0


if __name__ == "__main__":
    sys.exit(main())
