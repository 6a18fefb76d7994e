"""The inputs the EPUB accessibility checks (epub_a11y.py, ace.py) write books from, beyond the samples."""
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]

# A README as projects write them: a badge that is an image-only link without alt text, one with alt text, and a
# heading that skips a level (## then ####).
README = ("# 工具說明\n\n[![](badge.png)](https://ci.example.org/project/status?branch=main)"
          " [![建置狀態](badge.png)](https://example.org/build)\n\n## 安裝\n\n#### 從原始碼\n\n"
          "見[說明](https://example.org/docs/)。\n")


def real_feeds():
    """Returns the real feeds of tests/feeds/real (paths relative to the repository root), in order."""
    return [str(p.relative_to(ROOT)) for p in sorted((ROOT / "tests" / "feeds" / "real").glob("*.*"))
            if p.suffix in (".rss", ".atom")]


def write_readme(directory):
    """Writes README.md and its badge image into directory; returns the README's path."""
    directory = pathlib.Path(directory)
    (directory / "badge.png").write_bytes((ROOT / "tests" / "validate" / "pdf_image.png").read_bytes())
    readme = directory / "README.md"
    readme.write_text(README, encoding="utf-8")
    return readme
