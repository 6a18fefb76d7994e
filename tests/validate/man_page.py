#!/usr/bin/env python3
"""Keeps the manual page docs/docexport.1 true and usable.

Modes:
  sync DOCEXPORT MAN_PAGE     the options of `docexport --help` and of the page's OPTIONS section are the same
                              (each -x and --long name); prints and fails on any that only one of them has
  render MAN_PAGE             `man -l` formats the page without a warning (groff's -ww through man --warnings)
  installed BUILD_DIR         `cmake --install` into a temporary prefix puts the page in share/man/man1, and
                              `man docexport` finds and formats it there (MANPATH)
Exits 77 (skipped) when man or cmake is missing.
"""
import os, pathlib, re, shutil, subprocess, sys, tempfile

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from tools import SKIP  # noqa: E402

OPTION = re.compile(r"(?<![\w-])(--?[a-z][a-z0-9-]*)")


def help_options(docexport):
    """Returns the option names of docexport --help: the -x and --long words that start an option's line."""
    out = subprocess.run([docexport, "--help"], capture_output=True, text=True, check=True).stdout
    names = set()
    for line in out.splitlines():
        stripped = line.strip()
        if not stripped.startswith("-"):
            continue
        # The names come before the first word that is not one (a value placeholder or the description).
        for word in re.split(r"[\s,]+", stripped):
            if OPTION.fullmatch(word):
                names.add(word)
            elif word:
                break
    return names


def man_options(page):
    """Returns the option names of the page's OPTIONS section: the -x and --long words of each .TP tag line."""
    names, section, tag_next = set(), None, False
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith(".SH"):
            section = line[3:].strip().strip('"')
            continue
        if section != "OPTIONS":
            continue
        if line.startswith(".TP"):
            tag_next = True
            continue
        if tag_next:
            tag_next = False
            text = line.replace("\\-", "-").replace("\\fR", " ").replace("\\fI", " ").replace("\\fB", " ")
            names.update(m.group(1) for m in OPTION.finditer(text))
    return names


def sync(docexport, page):
    in_help, in_man = help_options(docexport), man_options(pathlib.Path(page))
    print(f"{len(in_help)} option names in --help, {len(in_man)} in {page}")
    failures = [f"{n}: in --help, not in the man page" for n in sorted(in_help - in_man)]
    failures += [f"{n}: in the man page, not in --help" for n in sorted(in_man - in_help)]
    if len(in_help) < 10:
        failures.append("fewer than 10 options found in --help; has its format changed?")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


def render(page, env_extra=None, args=None):
    """Returns (exit status, formatted text, warnings) of man on the page."""
    env = dict(os.environ, MANWIDTH="80", LC_ALL="C.UTF-8", MAN_KEEP_FORMATTING="", MANPAGER="cat", PAGER="cat")
    env.update(env_extra or {})
    proc = subprocess.run(["man", "--warnings"] + (args or ["-l", str(page)]), capture_output=True, text=True,
                          env=env)
    return proc.returncode, proc.stdout, proc.stderr


def check_rendered(status, text, warnings):
    failures = []
    if status != 0:
        failures.append(f"man exited {status}")
    if warnings.strip():
        failures.append("man (groff) warned:\n" + warnings)
    for heading in ("NAME", "SYNOPSIS", "OPTIONS", "EXIT STATUS"):
        if not re.search(rf"^{heading}$", text, re.M):
            failures.append(f"the formatted page has no {heading} heading")
    if "--list-styles" not in text.replace("\u2010", "-"):
        failures.append("the formatted page does not show --list-styles")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


def main():
    mode = sys.argv[1]
    if mode == "sync":
        return sync(sys.argv[2], sys.argv[3])
    if shutil.which("man") is None:
        print("SKIP: not found: man (Debian package man-db); .ci/setup installs it")
        return SKIP
    if mode == "render":
        return check_rendered(*render(sys.argv[2]))
    if mode == "installed":
        if shutil.which("cmake") is None:
            print("SKIP: not found: cmake; .ci/setup installs it")
            return SKIP
        with tempfile.TemporaryDirectory() as tmp:
            prefix = pathlib.Path(tmp) / "prefix"
            subprocess.run(["cmake", "--install", sys.argv[2], "--prefix", str(prefix)], check=True,
                           stdout=subprocess.DEVNULL)
            pages = sorted(prefix.glob("**/man1/docexport.1"))
            if not pages:
                print("FAIL: cmake --install put no man1/docexport.1 under the prefix")
                return 1
            mandir = pages[0].parent.parent
            print(f"installed: {pages[0].relative_to(prefix)}")
            where = subprocess.run(["man", "-w", "docexport"], capture_output=True, text=True,
                                   env=dict(os.environ, MANPATH=str(mandir))).stdout.strip()
            if pathlib.Path(where) != pages[0]:
                print(f"FAIL: man -w docexport with MANPATH={mandir} gives {where!r}, not the installed page")
                return 1
            return check_rendered(*render(None, {"MANPATH": str(mandir)}, ["docexport"]))
    print(f"unknown mode {mode!r}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
