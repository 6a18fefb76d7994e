#!/usr/bin/env python3
"""Encoding round trip: each text input, re-encoded, reads into the same model as the UTF-8 original.

usage: encoding_roundtrip.py DOCEXPORT [--min-corpus N] FILE...

For every FILE (UTF-8 .txt), writes a GB18030 copy and, when every character has a Big5-HKSCS code, a
Big5-HKSCS copy into a temporary directory, runs `DOCEXPORT --dump-model` on the original and on each copy,
and requires the same model JSON once the file path is replaced. Files under a tests/corpus/ directory are
counted: fewer than --min-corpus of them (when any are given) fails, so that a half-copied corpus is noticed.
"""
import pathlib, subprocess, sys, tempfile


def big5hkscs(text):
    """Returns text in Big5-HKSCS as Windows writes it: each character in cp950 when it has a code there, else
    in HKSCS. (Python's big5hkscs table writes U+FF0F as A241, which cp950 and ICU read as U+2215.)"""
    out = bytearray()
    for c in text:
        try:
            b = c.encode("cp950")
            if b.decode("cp950") != c:
                raise UnicodeEncodeError("cp950", c, 0, 1, "no round trip")
        except UnicodeEncodeError:
            b = c.encode("big5hkscs")
        out += b
    return bytes(out)


def dump(exe, path):
    proc = subprocess.run([exe, "--dump-model", str(path)], capture_output=True, timeout=120)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        return 64
    exe, rest = args[0], args[1:]
    min_corpus = 0
    if rest[:1] == ["--min-corpus"]:
        min_corpus, rest = int(rest[1]), rest[2:]
    files = [pathlib.Path(f) for f in rest]
    corpus = [f for f in files if f.parent.name == "corpus"]
    failures = []
    if corpus and len(corpus) < min_corpus:
        failures.append(f"tests/corpus holds {len(corpus)} .txt files, fewer than {min_corpus}")
    if not files:
        failures.append("no input files")
    checked = 0
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = pathlib.Path(tmpdir)
        for f in files:
            text = f.read_text(encoding="utf-8")
            rc, want, err = dump(exe, f)
            if rc != 0:
                failures.append(f"{f}: the original does not read (exit {rc}): {err[:300]}")
                continue
            copies = [("gb18030", "GB18030", text.encode("gb18030"))]
            try:
                copies.append(("big5hkscs", "Big5-HKSCS", big5hkscs(text)))
            except UnicodeEncodeError:
                pass
            for codec, shown, data in copies:
                copy = tmp / codec / f.name
                copy.parent.mkdir(exist_ok=True)
                copy.write_bytes(data)
                rc, got, err = dump(exe, copy)
                checked += 1
                if rc != 0:
                    failures.append(f"{f} in {shown}: exit {rc}: {err[:300]}")
                elif got.replace(str(copy), str(f)) != want:
                    a, b = want.splitlines(), got.replace(str(copy), str(f)).splitlines()
                    first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
                    failures.append(f"{f} in {shown}: the model differs from line {first + 1}: "
                                    f"{a[first] if first < len(a) else '<end>'!r} vs {b[first] if first < len(b) else '<end>'!r}")
    for f in failures:
        print("FAIL " + f)
    print(f"{checked} encoded copies of {len(files)} files checked, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
