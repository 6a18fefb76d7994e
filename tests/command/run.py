#!/usr/bin/env python3
"""Runs one command test of the docexport CLI.

A .test file holds lines `key: value` (and `#` comments):
  args: ARGS...            the command line after `docexport` (shell words; {tmp} is a fresh directory)
  exit: N                  the expected exit code
  stdout-contains: TEXT    stdout must contain TEXT (repeatable)
  stderr-contains: TEXT    stderr must contain TEXT (repeatable)
  stdout-lacks: TEXT / stderr-lacks: TEXT   must not contain TEXT (repeatable)
  stderr-matches: REGEX    some stderr line must match REGEX (repeatable)
  stderr-count: N TEXT     stderr must contain TEXT exactly N times (repeatable)
  stdout-matches: REGEX    some stdout line must match REGEX (repeatable)
  timeout: SECONDS         the command must end within this time (default 60)
  setup: PYTHON            a Python statement run first, with tmp (a pathlib.Path) in scope (repeatable)
  file-absent: PATH        after the run, PATH ({tmp} allowed) must not exist (repeatable)
  file-contains: PATH TEXT after the run, PATH must contain TEXT (repeatable)
  zip-contains: PATH MEMBER TEXT   after the run, PATH is a zip file whose entry MEMBER contains TEXT (repeatable)
  zip-lacks: PATH MEMBER TEXT      ... whose entry MEMBER exists and does not contain TEXT (repeatable)
  file-unchanged: PATH     PATH exists before the run (made by setup) and holds the same bytes after it (repeatable)
  dir-holds: DIR NAME...   after the run, DIR holds exactly these entries (none named: DIR is empty), so that no
                           stray output, directory or temporary file is left (repeatable)
  stdin: PATH              the command's standard input: PATH's bytes through a pipe, or PATH itself when it is
                           not a regular file (e.g. /dev/zero); without it, standard input is inherited
  stdout-to: PATH          the command's standard output is PATH, opened for writing ({tmp} allowed; e.g. a device
                           made in setup), instead of being captured
  stdout-tty: yes          the command's standard output is a pseudo-terminal; what it writes there is its stdout
  stdout-starts: TEXT      stdout's bytes start with TEXT (e.g. %PDF-) (repeatable)
  file-type: PATH TYPE     after the run, PATH itself (links not followed) is TYPE: file, symlink, fifo, char-device
                           or directory (repeatable)
  setup-or-skip: PYTHON    like setup, but when the statement raises OSError (e.g. os.mknod without the privilege)
                           the test is skipped: exit 77 (repeatable)
  Threads that setup statements start (e.g. one that reads a FIFO the command writes) are joined after the run,
  within the timeout, before anything is checked.
  file-size-limit: BYTES   the command runs with RLIMIT_FSIZE at BYTES and SIGXFSZ ignored: a write past it fails
                           with EFBIG, as on a full disk
  deterministic: yes       the command runs a second time, in a new process at least a second later, with {tmp}
                           as setup left it; its exit code, stdout, stderr and every file under {tmp} must be
                           byte-identical to the first run's
"""
import os, pathlib, re, shlex, stat, subprocess, sys, tempfile, threading, time, zipfile


def snapshot(tmp):
    """Returns {path relative to tmp: bytes} of every file under tmp."""
    return {str(p.relative_to(tmp)): p.read_bytes() for p in sorted(tmp.rglob("*")) if p.is_file()}


FILE_TYPES = {"file": stat.S_ISREG, "symlink": stat.S_ISLNK, "fifo": stat.S_ISFIFO, "char-device": stat.S_ISCHR,
              "directory": stat.S_ISDIR}


def process_kwargs(spec, sub):
    """Returns subprocess.run's keyword arguments for the stdin: and file-size-limit: directives (none without)."""
    kwargs = {}
    if "file-size-limit" in spec:
        limit = int(spec["file-size-limit"][0])

        def limit_files():
            # A write past the limit then fails with EFBIG instead of killing the process (SIGXFSZ ignored).
            import resource, signal
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        kwargs["preexec_fn"] = limit_files
    if "stdin" not in spec:
        return kwargs
    path = pathlib.Path(sub(spec["stdin"][0]))
    if path.is_file():
        kwargs["input"] = path.read_bytes()
    else:
        kwargs["stdin"] = open(path, "rb")
    return kwargs


def run_on_tty(cmd, timeout, **kwargs):
    """Runs cmd with its stdout on a pseudo-terminal; returns the CompletedProcess with what it wrote there."""
    import pty
    master, slave = pty.openpty()
    chunks = []

    def drain():
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: every writer closed the terminal
                break
            if not data:
                break
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        proc = subprocess.run(cmd, stdout=slave, stderr=subprocess.PIPE, timeout=timeout, **kwargs)
    finally:
        os.close(slave)
    reader.join(timeout)
    os.close(master)
    proc.stdout = b"".join(chunks)
    return proc


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
        threads_before = set(threading.enumerate())
        for stmt in spec.get("setup", []):
            exec(stmt, {"tmp": tmp, "pathlib": pathlib})
        for stmt in spec.get("setup-or-skip", []):
            try:
                exec(stmt, {"tmp": tmp, "pathlib": pathlib})
            except OSError as e:
                print(f"SKIP {test.name}: {stmt}: {e}")
                return 77
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
            if spec.get("stdout-tty", ["no"])[0] == "yes":
                proc = run_on_tty([exe] + args, timeout, **process_kwargs(spec, sub))
            elif "stdout-to" in spec:
                with open(sub(spec["stdout-to"][0]), "wb") as target:
                    proc = subprocess.run([exe] + args, stdout=target, stderr=subprocess.PIPE, timeout=timeout,
                                          **process_kwargs(spec, sub))
                proc.stdout = b""
            else:
                proc = subprocess.run([exe] + args, capture_output=True, timeout=timeout, **process_kwargs(spec, sub))
        except subprocess.TimeoutExpired:
            print(f"FAIL {test.name}: did not end within {timeout} s")
            return 1
        for t in set(threading.enumerate()) - threads_before:
            t.join(timeout)
            if t.is_alive():
                failures.append(f"a thread that setup started did not end within {timeout} s")
        for t in spec.get("stdout-starts", []):
            if not proc.stdout.startswith(sub(t).encode("utf-8")):
                failures.append(f"stdout starts with {proc.stdout[:16]!r}, not {t!r}")
        for ft in spec.get("file-type", []):
            p, _, kind = ft.partition(" ")
            try:
                mode = os.lstat(sub(p)).st_mode
            except OSError as e:
                failures.append(f"{p}: {e.strerror}")
                continue
            if kind not in FILE_TYPES:
                failures.append(f"file-type: unknown type {kind!r}")
            elif not FILE_TYPES[kind](mode):
                failures.append(f"{p} is not a {kind}")
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
        for t in spec.get("stderr-count", []):
            n, text = t.split(" ", 1)
            if err.count(sub(text)) != int(n):
                failures.append(f"stderr holds {text!r} {err.count(sub(text))} times, expected {n}")
        for r in spec.get("stderr-matches", []):
            if not any(re.search(r, line) for line in err.splitlines()):
                failures.append(f"no stderr line matches {r!r}")
        for r in spec.get("stdout-matches", []):
            if not any(re.search(r, line) for line in out.splitlines()):
                failures.append(f"no stdout line matches {r!r}")
        for p in spec.get("file-absent", []):
            if pathlib.Path(sub(p)).exists():
                failures.append(f"{p} exists")
        for fc in spec.get("file-contains", []):
            p, _, t = fc.partition(" ")
            path = pathlib.Path(sub(p))
            if not path.exists() or t not in path.read_text(encoding="utf-8", errors="replace"):
                failures.append(f"{p} lacks {t!r}")
        for key, want_text in (("zip-contains", True), ("zip-lacks", False)):
            for zc in spec.get(key, []):
                p, _, rest = zc.partition(" ")
                member, _, t = rest.partition(" ")
                try:
                    with zipfile.ZipFile(sub(p)) as z:
                        text = z.read(member).decode("utf-8", "replace")
                except (OSError, KeyError, zipfile.BadZipFile) as e:
                    failures.append(f"{p}: cannot read {member}: {e}")
                    continue
                if (t in text) != want_text:
                    failures.append(f"{p}: {member} {'lacks' if want_text else 'contains'} {t!r}")
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
            again = subprocess.run([exe] + args, capture_output=True, timeout=timeout, **process_kwargs(spec, sub))
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
