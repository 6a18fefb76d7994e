#!/usr/bin/env python3
"""Checks the progress line of docexport on a terminal (a pseudo-terminal from Python's pty module).

usage: progress.py DOCEXPORT GENERATE_PY

GENERATE_PY (bench/generate.py) makes a book of 300 articles, one of which names a missing image (a warning
printed in the middle of the run). Then, with standard error on a terminal:
  1. --pdf: progress text appears ("laying out", "writing PDF"), the warning starts on a line of its own, and
     once the run ends the terminal shows the warning and its hint and nothing else: no progress is left behind.
  2. --pdf into a directory that does not exist (an error at the very end, after the progress): the terminal shows
     the error message from the start of its line and nothing else.
  3. -q: nothing at all is written to the terminal, and the PDF is the same bytes as in 1.
What the terminal shows is worked out from the bytes written to it: "\\r" goes back to the start of the line,
ESC [ K erases to its end, "\\n" starts a new line (any other escape sequence is a failure).
"""
import os, pathlib, pty, re, subprocess, sys, tempfile

PROGRESS = re.compile(r"reading \d+/\d+|laying out \d+/\d+|writing (PDF |EPUB )?\d+/\d+")


def run_on_terminal(argv, cwd):
    """Runs argv with standard input, output and error on a new pseudo-terminal; returns (exit code, bytes)."""
    env = dict(os.environ, TERM="xterm", SOURCE_DATE_EPOCH="1613801940")
    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.chdir(cwd)
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    data = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:   # EIO: the child closed the terminal
            break
        if not chunk:
            break
        data += chunk
    os.close(fd)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), data


def screen(data):
    """Returns the lines the terminal shows after data, and the escape sequences it did not expect."""
    text = data.decode("utf-8", "replace")
    lines, line, col, unexpected = [], [], 0, []
    i = 0
    while i < len(text):
        if text.startswith("\x1b[K", i):
            del line[col:]
            i += 3
            continue
        ch = text[i]
        if ch == "\x1b":
            unexpected.append(repr(text[i:i + 8]))
        elif ch == "\r":
            col = 0
        elif ch == "\n":
            lines.append("".join(line))
            line, col = [], 0
        else:
            if col < len(line):
                line[col] = ch
            else:
                line.append(ch)
            col += 1
        i += 1
    lines.append("".join(line))
    return lines, unexpected


def check_clean(name, lines, unexpected, failures):
    """The terminal shows no progress text and its cursor is at the start of an empty line."""
    if unexpected:
        failures.append(f"{name}: unexpected escape sequences {unexpected[:3]}")
    for line in lines:
        if PROGRESS.search(line):
            failures.append(f"{name}: the terminal still shows progress: {line!r}")
    if lines[-1] != "":
        failures.append(f"{name}: the last line of the terminal is not clean: {lines[-1]!r}")


def main():
    exe, generate = os.path.abspath(sys.argv[1]), sys.argv[2]
    failures = []
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = pathlib.Path(tmpdir)
        subprocess.run([sys.executable, generate, str(tmp), "300"], check=True, stdout=subprocess.DEVNULL)
        book = tmp / "300"
        with open(book / "a0150.md", "a", encoding="utf-8") as f:
            f.write("\n![地圖](missing-map.png)\n")

        # 1. Progress while it runs, nothing of it afterwards; the warning on lines of its own.
        code, data = run_on_terminal([exe, "--pdf", "-o", str(tmp / "shown.pdf"), "book.yaml"], book)
        lines, unexpected = screen(data)
        if code != 0:
            failures.append(f"--pdf: exit {code}\n" + "\n".join(lines))
        raw = data.decode("utf-8", "replace")
        for what in ("laying out ", "writing PDF "):
            if what not in raw:
                failures.append(f"--pdf: no progress text {what!r} was written to the terminal")
        check_clean("--pdf", lines, unexpected, failures)
        shown = [l for l in lines if l]
        want = ["a0150.md:", "  hint: "]
        if len(shown) != 2 or not all(l.startswith(w) for l, w in zip(shown, want)) or ": warning: " not in shown[0]:
            failures.append(f"--pdf: the terminal should show the warning and its hint alone, it shows {shown!r}")

        # 2. An error after the progress starts on a clean line.
        out = tmp / "missing" / "book.pdf"
        code, data = run_on_terminal([exe, "--pdf", "-q", "-o", str(out), "book.yaml"], book)
        code_v, data_v = run_on_terminal([exe, "--pdf", "-o", str(out), "book.yaml"], book)
        lines, unexpected = screen(data_v)
        if code_v != 2:
            failures.append(f"error: exit {code_v}, expected 2")
        if not PROGRESS.search(data_v.decode("utf-8", "replace")):
            failures.append("error: no progress was written before the error (the error came too early to test)")
        check_clean("error", lines, unexpected, failures)
        errors = [l for l in lines if l and not l.startswith("a0150.md:") and not l.startswith("  hint: images")]
        if not errors or not errors[0].startswith(f"{out}: error: "):
            failures.append(f"error: the error message does not start a line of its own: {errors!r}")
        # With -q the same error is all there is.
        quiet_lines, _ = screen(data)
        if code != 2 or not quiet_lines[0].startswith(f"{out}: error: "):
            failures.append(f"error -q: exit {code}, terminal {quiet_lines!r}")

        # 3. -q: nothing on the terminal, the same PDF.
        code, data = run_on_terminal([exe, "--pdf", "-q", "-o", str(tmp / "quiet.pdf"), "book.yaml"], book)
        if code != 0:
            failures.append(f"-q: exit {code}")
        if data != b"":
            failures.append(f"-q: {len(data)} bytes were written to the terminal: {data[:120]!r}")
        if (tmp / "quiet.pdf").read_bytes() != (tmp / "shown.pdf").read_bytes():
            failures.append("-q: the PDF differs from the one written with progress shown")

    for f in failures:
        print("FAIL", f)
    if not failures:
        print("progress: shown on a terminal, cleared at the end and before the warning and the error; none with -q")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
