#!/usr/bin/env python3
"""Keeps docs/architecture.md true and the module boundaries real.

Checks that
- the module table in docs/architecture.md names, for every module, exactly the MODULES its CMakeLists.txt gives;
- src/cli includes only the public headers (<docexport/...>) and its own;
- the shared library exports nothing in an internal namespace (nm -D --defined-only -C).

Usage: architecture.py SOURCE_DIR LIBRARY
"""
import pathlib, re, shutil, subprocess, sys

INTERNAL = ("layout", "pdf", "epub", "cover", "readers", "style", "fonts", "support", "writers", "cli")


def cmake_modules(src):
    """Returns {module: set of modules it names} from src/*/CMakeLists.txt."""
    out = {}
    for cm in sorted(src.glob("*/CMakeLists.txt")):
        text = cm.read_text(encoding="utf-8")
        m = re.search(r"docexport_module\((\w+)(.*?)\)\s*$", text, re.S | re.M)
        if not m:
            continue
        body = m.group(2)
        names = re.search(r"\bMODULES\b(.*?)(?:\bDEPS\b|$)", body, re.S)
        out[m.group(1)] = set(names.group(1).split()) if names else set()
    return out


def documented_modules(doc):
    """Returns {module: set of modules} from the table in docs/architecture.md."""
    out = {}
    for line in doc.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[1].startswith("`src/") and cells[0] != "command":
            out[cells[0]] = set() if cells[2] in ("—", "-", "") else {c.strip() for c in cells[2].split(",")}
    return out


def main():
    root, library = pathlib.Path(sys.argv[1]), sys.argv[2]
    failures = []
    built, documented = cmake_modules(root / "src"), documented_modules(root / "docs/architecture.md")
    if not built:
        failures.append("no docexport_module() found in src/*/CMakeLists.txt")
    for name in sorted(set(built) | set(documented)):
        if built.get(name) != documented.get(name):
            failures.append(f"module {name}: CMake names {sorted(built.get(name, []))}, "
                            f"docs/architecture.md says {sorted(documented.get(name, []))}")
    for f in sorted((root / "src/cli").glob("*.[ch]pp")):
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            m = re.match(r'\s*#\s*include\s*"([^"]+)"', line)
            if m and not (root / "src/cli" / m.group(1)).is_file():
                failures.append(f"{f.relative_to(root)}:{n}: includes {m.group(1)}, which is not public")
    if shutil.which("nm") is None:
        print("SKIP: not found: nm (Debian package binutils)")
        return 77
    symbols = subprocess.run(["nm", "-D", "--defined-only", "-C", library], capture_output=True, text=True,
                             check=True).stdout.splitlines()
    public = [s for s in symbols if "docexport::" in s]
    internal = [s for s in symbols if re.search(r"docexport::(%s)::" % "|".join(INTERNAL), s)]
    failures += [f"exported internal symbol: {s}" for s in internal[:20]]
    if len(public) < 10:
        failures.append(f"only {len(public)} public symbols exported; is the library built with the API?")
    print(f"{len(symbols)} exported symbols, {len(public)} in docexport::, {len(internal)} internal")
    for f in failures:
        print("FAIL:", f)
    print(f"{len(built)} modules checked against docs/architecture.md")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
