"""The external programs the validators run: where each one is, and a skip when one is missing.

A script calls require(...) for the tools it needs before any work. When one is missing it prints which, and
why it matters, and exits with SKIP (77), which tests/CMakeLists.txt declares as SKIP_RETURN_CODE: ctest then
reports the test as skipped ("Not Run") instead of failing in some obscure way later. .ci/setup installs every
tool, and configuring the build lists the missing ones, so a skip in CI shows in the CMake output.
tests/install/run.sh does the same for cmake, g++ and pkg-config.
"""
import os, pathlib, shutil, sys

SKIP = 77

# The Debian package of each tool (what .ci/setup installs). "epubcheck" is the EPUBCheck jar: require it with java.
PACKAGES = {"qpdf": "qpdf", "pdffonts": "poppler-utils", "pdftotext": "poppler-utils", "pdfinfo": "poppler-utils",
            "java": "openjdk-17-jdk-headless", "javac": "openjdk-17-jdk-headless", "epubcheck": "epubcheck",
            "chromium": "chromium", "node": "nodejs", "ace": "npm @daisy/ace, which .ci/setup installs",
            "typst": "npm @myriaddreamin/typst-ts-node-compiler, which .ci/setup installs"}


def epubcheck_jar():
    """Returns the EPUBCheck jar: $EPUBCHECK_JAR, else Debian's /usr/share/java/epubcheck.jar, else the jar that an
    `epubcheck` on PATH links to; None when there is none."""
    candidates = [os.environ.get("EPUBCHECK_JAR"), "/usr/share/java/epubcheck.jar"]
    on_path = shutil.which("epubcheck")
    if on_path:
        candidates.append(os.path.realpath(on_path))
    for c in candidates:
        if c and c.endswith(".jar") and pathlib.Path(c).is_file():
            return c
    return None


# Where .ci/setup installs DAISY Ace (npm @daisy/ace, run through puppeteer with Debian's chromium).
ACE_DIR = pathlib.Path(os.environ.get("DOCEXPORT_TOOLS", pathlib.Path.home() / ".cache" / "docexport-tools")) / "ace"


def ace():
    """Returns DAISY Ace's puppeteer runner: $ACE, else the one .ci/setup installed; None when there is none."""
    for c in (os.environ.get("ACE"), ACE_DIR / "node_modules" / ".bin" / "ace-puppeteer"):
        if c and pathlib.Path(c).is_file():
            return str(c)
    return None


# Where .ci/setup installs Typst's node compiler (npm @myriaddreamin/typst-ts-node-compiler), which bench/typst.js
# runs with TYPST_NODE_DIR set to it: a third-party tagged PDF (PDF/UA-1) for tests/validate/pdf_tagged_selftest.py.
TYPST_DIR = pathlib.Path(os.environ.get("DOCEXPORT_TOOLS", pathlib.Path.home() / ".cache" / "docexport-tools")) / "typst"


def typst():
    """Returns the directory that holds node_modules/@myriaddreamin/typst-ts-node-compiler (for TYPST_NODE_DIR):
    $TYPST_NODE_DIR, else the one .ci/setup installed; None when there is none (or node is missing)."""
    if shutil.which("node") is None:
        return None
    for c in (os.environ.get("TYPST_NODE_DIR"), TYPST_DIR):
        if c and (pathlib.Path(c) / "node_modules" / "@myriaddreamin" / "typst-ts-node-compiler" / "package.json").is_file():
            return str(c)
    return None


def find(name):
    """Returns the path of tool name (a program on PATH, the EPUBCheck jar for "epubcheck", DAISY Ace for "ace",
    the Typst node compiler's directory for "typst"), or None."""
    if name == "ace":
        return ace()
    if name == "typst":
        return typst()
    return epubcheck_jar() if name == "epubcheck" else shutil.which(name)


def require(*names):
    """Returns when every tool in names is present; else prints the missing ones and exits with SKIP."""
    missing = [n for n in names if find(n) is None]
    if missing:
        what = ", ".join(f"{n} (Debian package {PACKAGES.get(n, n)})" for n in missing)
        print(f"SKIP: not found: {what}; .ci/setup installs them")
        sys.exit(SKIP)
