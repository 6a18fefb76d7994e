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
  file-unchanged: PATH     PATH exists before the run (made by setup) and holds the same bytes after it (repeatable)
  dir-holds: DIR NAME...   after the run, DIR holds exactly these entries (none named: DIR is empty), so that no
                           stray output, directory or temporary file is left (repeatable)
  deterministic: yes       the command runs a second time, in a new process at least a second later, with {tmp}
                           as setup left it; its exit code, stdout, stderr and every file under {tmp} must be
                           byte-identical to the first run's
"""
import pathlib, re, shlex, subprocess, sys, tempfile, time


def snapshot(tmp):
    """Returns {path relative to tmp: bytes} of every file under tmp."""
    return {str(p.relative_to(tmp)): p.read_bytes() for p in sorted(tmp.rglob("*")) if p.is_file()}


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
        before = {}
        for p in spec.get("file-unchanged", []):
            path = pathlib.Path(sub(p))
            if not path.is_file():
                print(f"FAIL {test.name}: file-unchanged: {p} does not exist before the run (make it in setup:)")
                return 1
            before[p] = path.read_bytes()
        deterministic = spec.get("deterministic", ["no"])[0] == "yes"
        initial = snapshot(tmp) if deterministic else {}
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
        for p, data in before.items():
            path = pathlib.Path(sub(p))
            if not path.is_file():
                failures.append(f"{p} is gone")
            elif path.read_bytes() != data:
                failures.append(f"{p} changed")
        for d in spec.get("dir-holds", []):
            where, *names = shlex.split(d)
            path = pathlib.Path(sub(where))
            if not path.is_dir():
                failures.append(f"{where} is not a directory")
            elif sorted(e.name for e in path.iterdir()) != sorted(names):
                failures.append(f"{where} holds {sorted(e.name for e in path.iterdir())}, expected {sorted(names)}")
        if deterministic:
            first = snapshot(tmp)
            for name in first:  # back to the state setup left: the second run must write its outputs anew
                if name in initial:
                    (tmp / name).write_bytes(initial[name])
                else:
                    (tmp / name).unlink()
            time.sleep(1.1)  # a value taken from the clock would differ
            again = subprocess.run([exe] + args, capture_output=True, timeout=timeout)
            if again.returncode != proc.returncode:
                failures.append(f"the second run exited {again.returncode}, the first {proc.returncode}")
            if again.stdout != proc.stdout:
                failures.append("the second run's stdout differs")
            if again.stderr != proc.stderr:
                failures.append("the second run's stderr differs")
            second = snapshot(tmp)
            for name in sorted(set(first) | set(second)):
                if first.get(name) != second.get(name):
                    failures.append(f"{{tmp}}/{name} differs between the two runs")
        if failures:
            print(f"FAIL {test.name}: " + "; ".join(failures))
            print("--- stdout (first 2000 chars)\n" + out[:2000])
            print("--- stderr (first 2000 chars)\n" + err[:2000])
            return 1
        print(f"ok {test.name}")
        return 0


if __name__ == "__main__":
    sys.exit(main())
