#!/usr/bin/env python3
"""Fidelity: no text is lost silently between an input, the model, the EPUB and the PDF.

usage: fidelity.py [--jobs N] [--skip GLOB]... DOCEXPORT INPUT...

An INPUT may be a glob pattern (quoted), expanded at test time; `--skip GLOB` leaves out inputs whose file name
matches. When NAME.args sits next to an INPUT NAME.EXT, its shell words are passed to every docexport run (as
tests/golden/check.py does). Run from the repository root (ctest does). For each input:

 1. `docexport --dump-model --verbose` gives the model; its text nodes are collected in document order: section
    titles, the section meta each writer shows, every inline leaf (text, code, link text, ruby base, and for the
    EPUB the ruby annotation), table captions and cells, image alt text and title, code blocks, list items,
    quotes.
 2. EPUB: the spine's XHTML documents are read in order (the navigation document and the cover page are left
    out, so that a title lost from its chapter is not found in the table of contents or on the cover); every
    model node must appear, in order, in their text (a subsequence match on text with whitespace removed,
    otherwise exact).
 3. PDF: `pdftotext -raw -enc UTF-8` (content-stream order, which is the layout's reading order); the front
    matter (title and contents pages, roman folios), and each page's running head and folio are left out (list
    markers stay: they come before their item's text), then every node must appear in order, whitespace removed. Ruby annotations are exempt there: the PDF draws them
    over their bases, but its text layer is base-only by design (each annotation run sits in a span with an empty
    /ActualText, so copying a paragraph gives its base text, not the annotations interleaved), and pdftotext
    honours that; the base text is checked, in order.
 4. Dropped text must be reported: for .txt, every non-blank source line whose letters and digits (after
    removing `字(pinyin)` annotations) are not in the model needs a diagnostic at FILE:LINE: that says `dropped`,
    `metadata` or `dateline`; for Markdown and feeds, every run of Han characters of the source's text that is
    not in the model needs a diagnostic at its line.
Prints one line per input, the first missing nodes of a failing input, and `N passed, M failed`; exits 1 on
any failure, 77 (skipped) when pdftotext is missing (tools.py).
"""
import argparse, concurrent.futures, fnmatch, glob, html.parser, json, os, pathlib, re, shlex, subprocess, sys
import tempfile, unicodedata

import tools
from epub_spine import spine_text

# Zhuyin: bopomofo and its tone marks (support::is_zhuyin).
ZHUYIN = re.compile("^[\u3100-\u312f\u31a0-\u31bf\u02c9\u02ca\u02c7\u02cb\u02d9]+$")

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RUN = re.compile(f"[{HAN}]+")
# `創(chuàng)新`: a pinyin reading pasted after a Han character by a web page; the text reader removes it (or makes
# it ruby), so it is removed from both sides before the drop check. Half- and full-width parentheses.
# Pinyin is lower-case Latin with tone marks (precomposed, or combining U+0300–U+036F) and spaces.
PINYIN = re.compile(f"(?<=[{HAN}])[(（][a-z\u00e0-\u00fc\u0101-\u01dc\u1e3f][a-z\u00e0-\u00fc\u0101-\u01dc\u1e3f\u0300-\u036f ]{{0,15}}[)）]")
DIAG = re.compile(r"^(?P<file>.*?):(?P<line>\d+):(?P<col>\d+): (?P<level>note|warning|error): (?P<msg>.*)$")
# A diagnostic about the whole file (the JSON Feed reader has no positions).
DIAG_FILE = re.compile(r"^(?P<file>[^:\s][^:]*?): (?P<level>note|warning|error): (?P<msg>.*)$")
SHOW = 5          # missing nodes printed per input and output
JUMP = 2000       # a match this far ahead of the previous one is checked against the next node (see find_nodes)
FEEDS = (".rss", ".atom", ".rdf", ".xml")
JSON_FEEDS = (".json", ".jsonfeed")


def squeeze(s):
    """Returns s without whitespace (U+3000 and NBSP included): line breaks, indentation and the gaps writers add
    between the date, source and author of a dateline are not content. Also without the characters XML cannot
    hold (the EPUB writer must drop them, epub/xml_output.cpp clean_text) and soft hyphens. The layout engine
    does not hyphenate, so a hyphen at the end of a PDF line is the text's own and is kept."""
    return "".join(c for c in s if not c.isspace() and c != "\u00ad" and ord(c) >= 0x20 and
                   not 0xFFFE <= ord(c) <= 0xFFFF and not 0xD800 <= ord(c) <= 0xDFFF)


def letters(s):
    """Returns only the letters and digits of s (Han and kana are letters), NFKC-folded (full-width Ａ１ → A1), and
    the placeholder marks ●○□ that digitised texts use for characters: the drop check's view of text, since the
    text reader may change spacing and punctuation but not words."""
    s = unicodedata.normalize("NFKC", PINYIN.sub("", s))
    return "".join(c for c in s if c in "●○□" or unicodedata.category(c)[0] in "LN")


# ---------------------------------------------------------------------------------------------------- the model

class Node:
    """One text of the model: its text, its source position (or section) and what it is."""

    def __init__(self, text, where, kind="text", pair=None):
        self.text, self.where, self.kind = text, where, kind
        self.norm = squeeze(text)
        self.pair = pair  # two adjacent nodes with the same pair may be found in either order
        self.note = False  # a footnote's text: the PDF sets it at a page foot, checked in order among notes


def model_nodes(model, target):
    """Returns the model's text nodes in document order as target ("epub", "pdf" or "all") shows them."""
    out = []

    def inlines(xs, where):
        for x in xs:
            t = x.get("type")
            w = x.get("pos", where)
            if t in ("text", "code"):
                out.append(Node(x.get("text", ""), w, t))
            elif t == "ruby":
                # Zhuyin of a syllable per character over a word is written a ruby per character in the EPUB
                # (support::zhuyin_per_character): each character followed by its syllable.
                base = x.get("base", [])
                syllables = x.get("annotation", "").split()
                plain_base = "".join(b.get("text", "") for b in base) if all(b.get("type") == "text" for b in base) else ""
                if target != "pdf" and len(plain_base) == len(syllables) > 1 and all(ZHUYIN.match(s) for s in syllables):
                    for c, s in zip(plain_base, syllables):
                        out.append(Node(c, w, "text"))
                        out.append(Node(s, w, "ruby annotation"))
                    continue
                inlines(base, w)
                # The PDF draws annotations but keeps them out of its text layer (empty /ActualText, docs/pdf.md):
                # pdftotext cannot see them, so only the base is checked there.
                if target != "pdf":
                    out.append(Node(x.get("annotation", ""), w, "ruby annotation"))
            else:
                inlines(x.get("content", []), w)

    def plain(xs):
        """The alt text as the writers flatten it (model.cpp plain_text: ruby bases only)."""
        s = []
        for x in xs:
            if x.get("type") in ("text", "code"):
                s.append(x.get("text", ""))
            elif x.get("type") == "line_break":
                s.append("\n")
            else:
                s.append(plain(x.get("base", x.get("content", []))))
        return "".join(s)

    def blocks(bs, where):
        for b in bs:
            t = b["type"]
            w = b.get("pos", where)
            if t in ("heading", "paragraph"):
                inlines(b.get("content", []), w)
            elif t in ("bullet_list", "ordered_list"):
                for item in b.get("items", []):
                    blocks(item, w)
            elif t == "block_quote":
                first = len(out)
                attr = b.get("attr", {})
                if target == "pdf" and "footnote" in attr.get("classes", []):
                    out.append(Node(attr.get("values", {}).get("note", "") + ".", w, "footnote number"))
                blocks(b.get("content", []), w)
                # The PDF sets a footnote at the foot of the page that refers to it, so its text follows that
                # page's body, not the section's end: checked in order among the notes only (note = True).
                if target == "pdf" and "footnote" in b.get("attr", {}).get("classes", []):
                    for n in out[first:]:
                        n.note = True
            elif t == "table":
                table = b["table"]
                inlines(table.get("caption", []), w)
                for cell in table.get("header", []):
                    inlines(cell.get("content", []), cell.get("pos", w))
                for row in table.get("rows", []):
                    for cell in row:
                        inlines(cell.get("content", []), cell.get("pos", w))
            elif t == "image":
                # Both writers show the alt text flattened to one string (the EPUB in alt="", the PDF as a caption
                # line) and the title. The PDF sets a drawn image's title first and its alt text as a second
                # caption line, a missing image's "［圖：alt — title］": either order is accepted there (paired),
                # and an alt text equal to the title is set once.
                alt, title = plain(b.get("alt", [])), b.get("title", "")
                pair = len(out) if target == "pdf" and title else None
                if not (target == "pdf" and title and squeeze(alt) == squeeze(title)):
                    out.append(Node(alt, w, "image alt", pair))
                if title:
                    out.append(Node(title, w, "image title", pair))
            elif t == "code_block":
                out.append(Node(b.get("text", ""), w, "code block"))

    for k, s in enumerate(model["sections"]):
        w = s.get("pos", f"section {k + 1}")
        inlines(s.get("title", []), w)
        m = s.get("meta", {})
        # The section meta both writers show under the title, required in both: the dateline (date, source or
        # else an http(s) URL; epub/content.cpp render_header, layout/blocks.cpp layout_section_head), the
        # authors and the summary (a feed entry's summary, a feed part's description). The URL behind a
        # source is a link, not text, and is not checked.
        source = m.get("source", "")
        meta = [("date", m.get("date", "")), ("source", source)]
        if not source and re.match(r"https?://", m.get("url", "")):
            meta.append(("url", m["url"]))
        meta += [("author", a) for a in m.get("authors", [])]
        meta.append(("summary", m.get("summary", "")))
        for key, value in meta:
            out.append(Node(value, w, "section " + key))
        blocks(s.get("blocks", []), w)
    return [n for n in out if n.norm]


def model_all_text(model):
    """Every string of the model (document meta included), for the drop check."""
    strings = []

    def walk(v):
        if isinstance(v, str):
            strings.append(v)
        elif isinstance(v, dict) and v.get("type") == "ruby":
            # As the source writes it, `字(zì)`, so that the drop check removes it from both sides alike.
            walk(v.get("base", []))
            strings.append("(" + v.get("annotation", "") + ")")
        elif isinstance(v, dict):
            for k, x in v.items():
                # attr values are kept: unknown front-matter keys and feed categories are stored there.
                if k not in ("pos", "type", "target", "aligns", "docexport-model", "style"):
                    walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    walk(model.get("meta", {}))
    walk(model["sections"])
    return "".join(strings)  # letters() drops separators anyway; `字(zì)` must stay adjacent


# ------------------------------------------------------------------------------------------------------ outputs

def epub_text(path):
    """Returns the text of the EPUB's spine documents in order (epub_spine.py: ruby annotations and alt text
    included; the <rp> fallback parentheses, the navigation document and the cover page left out)."""
    return spine_text(path)


FOLIO = re.compile(r"^\d+$")


def inline_plain(inlines):
    """Returns the text of model inlines (a section title), children included."""
    out = []
    for i in inlines or []:
        out.append(i.get("text", ""))
        out.append(inline_plain(i.get("content", [])))
    return "".join(out)


def pdf_text(path, title, section_titles=()):
    """Returns the body text of the PDF (pdftotext -raw) and the number of front-matter pages left out.

    The layout (layout/layout.cpp decorate) draws each page's running head (the document title, or the style's
    running_header) and then its folio after the page's body, so they are the page's last lines in content-stream
    order: cut, else a paragraph broken across pages would not be one piece. A section's opening page (its first
    lines are a section title) has no running head: nothing but its folio is cut there. Front-matter pages (title
    page, contents) come before the first page with an arabic folio and would let a title lost from the body
    pass."""
    starts = [t[:12] for t in (squeeze(x) for x in section_titles) if t]

    def opens_section(p):
        top = squeeze("".join(p[:4]))
        return any(top.startswith(t) for t in starts)

    raw = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=120)
    if raw.returncode != 0:
        raise RuntimeError("pdftotext failed: " + raw.stderr.decode("utf-8", "replace"))
    pages = [[l for l in p.split("\n") if l.strip()] for p in raw.stdout.decode("utf-8", "replace").split("\f")]
    body_first = next((k for k, p in enumerate(pages) if p and FOLIO.match(p[-1].strip())), None)
    if body_first is None:  # no folios (a style without them): nothing to cut, nothing known about front matter
        return "\n".join("\n".join(p) for p in pages), 0
    body = []
    for p in pages[body_first:]:
        p = list(p)
        if p and FOLIO.match(p[-1].strip()):
            p.pop()
        body.append(p)
    # The running head: the same last line(s) on every body page that opens no section; else the document title.
    heads = set()
    headed = [p for p in body if not opens_section(p)]
    if len(headed) >= 2:
        for k in range(4, 0, -1):
            tails = {squeeze("".join(p[-k:])) for p in headed if len(p) >= k}
            if len(tails) == 1 and all(len(p) >= k for p in headed):
                heads.add(tails.pop())
                break
    if title:
        heads.add(squeeze(title))
    text = []
    for p in body:
        if not opens_section(p):
            for k in range(min(4, len(p)), 0, -1):
                if squeeze("".join(p[-k:])) in heads:
                    del p[-k:]
                    break
        text.append("\n".join(p))
    return "\n".join(text), body_first


def without(hay, nodes):
    """Returns hay with the text of nodes taken out, each node in order as one or more pieces (the longest
    prefix of what is left of it that hay has after the previous piece, at least 4 characters or all of it)."""
    at = 0
    for node in nodes:
        rest = node.norm
        while rest:
            piece = None
            for length in range(len(rest), min(len(rest), 4) - 1, -1):
                j = hay.find(rest[:length], at)
                if j >= 0:
                    piece = (j, length)
                    break
            if piece is None:
                break
            j, length = piece
            hay = hay[:j] + hay[j + length:]
            rest = rest[length:]
            at = j
    return hay


def find_nodes(nodes, text):
    """Matches the nodes in order as substrings of text (whitespace removed) and returns (missing, hay):
    missing is [(node, position in hay where it was expected, found elsewhere)].

    Greedy leftmost matching is exact for an ordered match of substrings, but one node found far ahead (a title
    lost from its place but repeated later) would swallow everything in between; so a match more than JUMP
    characters ahead is taken only when the next node is not found before it."""
    hay = squeeze(text)
    pos = 0
    missing = []
    swapped = set()
    nodes = list(nodes)
    for i in range(len(nodes) - 1):
        # A pair found in the other order (both present after pos, the second one first) is matched swapped.
        a, b = nodes[i], nodes[i + 1]
        if a.pair is not None and a.pair == b.pair and i not in swapped:
            swapped.add(i + 1)
    for i, node in enumerate(nodes):
        if i + 1 in swapped and node.pair is not None:
            other = nodes[i + 1]
            ja, jb = hay.find(node.norm, pos), hay.find(other.norm, pos)
            if 0 <= jb and (ja < 0 or jb < ja) and hay.find(node.norm, jb + len(other.norm)) >= 0:
                nodes[i], nodes[i + 1] = other, node
                node = other
        j = hay.find(node.norm, pos)
        if j > pos + JUMP:
            nxt = next((n for n in nodes[i + 1:] if len(n.norm) >= 2), None)
            if nxt is not None:
                k = hay.find(nxt.norm, pos)
                if 0 <= k and k + len(nxt.norm) <= j:
                    j = -1
        if j < 0:
            missing.append((node, pos, node.norm in hay))
            continue
        pos = j + len(node.norm)
    return missing, hay


# ------------------------------------------------------------------------------------------------- drop check

LINE_SPAN = re.compile(r"\blines (\d+)[\u2013-](\d+)\b")


def diagnostics_by_line(stderr, source):
    """Returns {line: [message]} of the diagnostics about the file source; line 0 holds those about the whole file."""
    want = os.path.realpath(source)
    out = {}
    for l in stderr.splitlines():
        m = DIAG.match(l)
        line = int(m["line"]) if m else 0
        m = m or DIAG_FILE.match(l)
        if m and os.path.realpath(m["file"]) == want:
            out.setdefault(line, []).append(f"{m['level']}: {m['msg']}")
            # A diagnostic that names a span ("lines 18–41 ... are left out") is about each line of it.
            for span in LINE_SPAN.finditer(m["msg"]):
                for n in range(int(span[1]), int(span[2]) + 1):
                    out.setdefault(n, []).append(f"{m['level']}: {m['msg']}")
    return out


def read_source_text(path, model_text):
    """Decodes a source file: BOM, the XML declaration, else the candidate in which most of the model's Han text
    is found (an undeclared legacy encoding)."""
    data = pathlib.Path(path).read_bytes()
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xef\xbb\xbf", "utf-8-sig"),
                       (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec, "replace")
    if data[:2] == b"<\x00":
        return data.decode("utf-16-le", "replace")
    if data[:2] == b"\x00<":
        return data.decode("utf-16-be", "replace")
    candidates = []
    m = re.match(rb"<\?xml[^>]*encoding=[\"']([A-Za-z0-9._-]+)", data)
    if m:
        candidates.append(m.group(1).decode().lower().replace("gb2312", "gb18030").replace("gbk", "gb18030"))
    candidates += ["utf-8", "gb18030", "big5", "shift_jis", "euc-kr"]
    han = set("".join(HAN_RUN.findall(model_text)))
    best, best_score = None, -1.0
    for codec in candidates:
        try:
            text = data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            continue
        if m and codec == candidates[0]:
            return text
        chars = "".join(HAN_RUN.findall(text))
        score = sum(c in han for c in chars) / len(chars) if chars else 0.0
        if score > best_score:
            best, best_score = text, score
    return best if best is not None else data.decode("utf-8", "replace")


def drops_text(source, model, diags):
    """Unreported drops of a plain-text input: [(line, text)]."""
    text = pathlib.Path(source).read_bytes().decode("utf-8", "replace").lstrip("\ufeff")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")  # as the reader counts lines (utf8.cpp)
    have = letters(model_all_text(model))
    out = []
    for n, line in enumerate(lines, 1):
        norm = letters(line)
        if not norm or norm in have:
            continue
        if any(re.search(r"dropped|metadata|dateline", msg, re.I) for msg in diags.get(n, [])):
            continue
        out.append((n, line.strip()))
    return out


class TextOf(html.parser.HTMLParser):
    """Collects the text content of HTML (or XML read as HTML) with the line of each piece; script and style
    content is not text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        for name, value in attrs:
            if name in ("alt", "title") and value:
                self.pieces.append((self.getpos()[0], value))

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.pieces.append((self.getpos()[0], data))


def html_pieces(markup, first_line=1):
    """Returns [(line, text, None)] of markup's text content; lines count from first_line."""
    p = TextOf()
    p.feed(markup)
    p.close()
    return [(first_line + line - 1, text, None) for line, text in p.pieces]


class Entry:
    """A feed entry in the source: its lines (first, last; 0 when unknown) and its Han runs. A diagnostic at its
    first line (the entry as a whole), or one about the whole file that quotes its text (`left out a duplicate
    of an earlier entry: TITLE`), covers every run of the entry."""

    def __init__(self, first, last, text):
        self.first, self.last = first, last
        self.runs = {r for r in HAN_RUN.findall(text) if len(r) >= 2}

    def covered(self, diags):
        if self.first and self.first in diags:
            return True
        return any(r in msg for msgs in diags.values() for msg in msgs for r in self.runs)


def source_pieces(source, kind, model_text):
    """Returns [(line, text, Entry or None)] of the text content of a Markdown or feed source, coarsely."""
    text = read_source_text(source, model_text)
    if kind == "md":
        # Markdown syntax that is not content: comments, link and image targets, reference definitions, URLs
        # in autolinks. What remains is content with some punctuation, which the Han-run check ignores. The
        # front matter's date is parsed and rewritten in ISO form (2021年2月20日 → 2021-02-20): not text.
        text = re.sub(r"<!--.*?-->", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
        text = re.sub(r"\]\([^)\n]*\)", "]", text)
        text = re.sub(r"(?m)^\s*\[[^\]]+\]:.*$", "", text)
        text = re.sub(r"<https?://[^>]*>", "", text)
        lines = text.split("\n")
        if lines and lines[0].strip() == "---":
            end = next((k for k in range(1, len(lines)) if lines[k].strip() in ("---", "...")), 0)
            for k in range(1, end):
                if re.match(r"\s*date\s*:", lines[k]):
                    lines[k] = ""
        return [(n, l, None) for n, l in enumerate(lines, 1)]
    if kind == "jsonfeed":
        pieces = []

        def walk(v, entry):
            if isinstance(v, dict):
                for k, x in v.items():
                    if k in ("url", "external_url", "id", "image", "banner_image", "icon", "favicon", "feed_url",
                             "home_page_url", "date_published", "date_modified"):
                        continue
                    if k == "content_html" and isinstance(x, str):
                        pieces.extend((0, t, entry) for _, t, _ in html_pieces(x))
                    else:
                        walk(x, entry)
            elif isinstance(v, list):
                for x in v:
                    walk(x, entry)
            elif isinstance(v, str):
                pieces.append((0, v, entry))

        feed = json.loads(text)
        if isinstance(feed, dict):
            for item in feed.get("items", []):
                walk(item, Entry(0, 0, json.dumps(item, ensure_ascii=False)))
            walk({k: v for k, v in feed.items() if k != "items"}, None)
        return pieces
    # XML feed: read as HTML once for the elements' text (CDATA turned into escaped text first), then each
    # piece again as HTML for escaped markup (description, content:encoded, Atom type="html").
    entries = [Entry(text.count("\n", 0, m.start()) + 1, text.count("\n", 0, m.end()) + 1, m.group(0))
               for m in re.finditer(r"<(item|entry)\b.*?</\1\s*>", text, re.S)]
    text = re.sub(r"<!\[CDATA\[(.*?)\]\]>", lambda m: m.group(1).replace("&", "&amp;").replace("<", "&lt;"), text, flags=re.S)
    text = re.sub(r"<\?xml[^>]*\?>", "", text, count=1)
    out = []
    for line, piece, _ in html_pieces(text):
        entry = next((e for e in entries if e.first <= line <= e.last), None)
        inner = html_pieces(piece, line) if "<" in piece or "&" in piece else [(line, piece, None)]
        out.extend((l, t, entry) for l, t, _ in inner)
    return out


def drops_han(source, kind, model, diags):
    """Unreported drops of a Markdown or feed input: [(line, Han run)] not in the model and not covered by a
    diagnostic at a line where the run is, or about its feed entry (see Entry)."""
    all_text = model_all_text(model)
    have = "".join(HAN_RUN.findall(PINYIN.sub("", all_text)))
    raw_lines = read_source_text(source, all_text).replace("\r\n", "\n").split("\n")
    out, seen = [], set()
    for line, piece, entry in source_pieces(source, kind, all_text):
        for run in HAN_RUN.findall(piece):
            if run in have or (line, run) in seen:
                continue
            seen.add((line, run))
            lines = {n for n, l in enumerate(raw_lines, 1) if run in l} | ({line} if line else set())
            if any(n in diags for n in lines) or (entry is not None and entry.covered(diags)):
                continue
            out.append((min(lines) if lines else 0, run))
    return out


# --------------------------------------------------------------------------------------------------- per input

def input_kind(path):
    ext = pathlib.Path(path).suffix.lower()
    if ext == ".txt":
        return "txt"
    if ext in (".md", ".markdown"):
        return "md"
    if ext in FEEDS:
        return "feed"
    if ext in JSON_FEEDS:
        return "jsonfeed"
    return "other"


def excerpt(s, n=60):
    s = re.sub(r"\s+", " ", s).strip()
    return s if len(s) <= n else s[:n] + "…"


def check_input(exe, source):
    """Returns (ok, report text) for one input."""
    args_file = pathlib.Path(source).with_suffix(".args")
    args = shlex.split(args_file.read_text(encoding="utf-8")) if args_file.exists() else []
    lines = []
    with tempfile.TemporaryDirectory(prefix="fidelity-") as tmp:
        def run(extra):
            return subprocess.run([exe, *extra, *args, source], capture_output=True, timeout=300)

        dump = run(["--dump-model", "--verbose"])
        if dump.returncode not in (0, 3):
            return False, f"fidelity: {source} FAILED: --dump-model exited {dump.returncode}\n" + \
                dump.stderr.decode("utf-8", "replace")[-2000:]
        model = json.loads(dump.stdout.decode("utf-8"))
        stderr = dump.stderr.decode("utf-8", "replace")
        all_nodes = model_nodes(model, "all")
        results = {}
        for target in ("epub", "pdf"):
            out = os.path.join(tmp, "out." + target)
            proc = run(["--" + target, "-o", out])
            if proc.returncode not in (0, 3) or not os.path.exists(out):
                results[target] = None
                lines.append(f"  {target}: docexport exited {proc.returncode}: "
                             + excerpt(proc.stderr.decode("utf-8", "replace")[-500:], 500))
                continue
            nodes = model_nodes(model, target)
            if target == "epub":
                text, note = epub_text(out), ""
            else:
                text, front = pdf_text(out, model.get("meta", {}).get("title", ""),
                                       [inline_plain(sec.get("title", [])) for sec in model["sections"]])
                note = f" (after {front} front-matter pages, running heads and folios cut)"
            body = [n for n in nodes if not n.note]
            notes = [n for n in nodes if n.note]
            if notes:
                # A page's notes fall between the two parts of a paragraph broken at its foot, and a long note's
                # parts have the next page's text between them: each sequence is checked with the other's text
                # taken out.
                missing, hay = find_nodes(body, without(squeeze(text), notes))
                missing += find_nodes(notes, without(squeeze(text), body))[0]
            else:
                missing, hay = find_nodes(body, text)
            results[target] = missing
            for node, pos, elsewhere in missing[:SHOW]:
                lines.append(f"  {target} MISSING {node.kind} at {node.where}: {excerpt(node.text)!r}"
                             + (" (found, out of order)" if elsewhere else "")
                             + f"\n      {target} text there{note}: …{hay[max(0, pos - 20):pos + 40]}…")
            if len(missing) > SHOW:
                lines.append(f"  {target}: {len(missing) - SHOW} more missing nodes")
        kind = input_kind(source)
        diags = diagnostics_by_line(stderr, source)
        if kind == "txt":
            drops = drops_text(source, model, diags)
        elif kind in ("md", "feed", "jsonfeed"):
            drops = drops_han(source, kind, model, diags)
        else:
            drops = []
        for line, text in drops[:SHOW]:
            lines.append(f"  unreported drop at {source}:{line}: {excerpt(text)!r} is not in the model and no diagnostic "
                         f"at that line says why" + (" (dropped, metadata, dateline)" if kind == "txt" else ""))
        if len(drops) > SHOW:
            lines.append(f"  {len(drops) - SHOW} more unreported drops")

    def verdict(r):
        return "FAILED" if r is None else "ok" if not r else f"MISSING {len(r)}"

    ok = all(r == [] for r in results.values()) and not drops
    head = (f"fidelity: {source} model {len(all_nodes)} nodes, epub {verdict(results.get('epub'))}, "
            f"pdf {verdict(results.get('pdf'))}, unreported drops {len(drops)}")
    return ok, "\n".join([head] + lines)


def expand(patterns, skips):
    out = []
    for p in patterns:
        found = sorted(glob.glob(p)) if glob.has_magic(p) else [p]
        for f in found:
            if not any(fnmatch.fnmatch(os.path.basename(f), s) for s in skips) and f not in out:
                out.append(f)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--skip", action="append", default=[], help="leave out inputs whose file name matches")
    ap.add_argument("docexport")
    ap.add_argument("inputs", nargs="+")
    a = ap.parse_args()
    tools.require("pdftotext")
    inputs = expand(a.inputs, a.skip)
    if not inputs:
        print(f"fidelity: no input matches {' '.join(a.inputs)}")
        print("0 passed, 0 failed")
        return 0
    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as pool:
        # Threads are enough: the work is in docexport and pdftotext subprocesses.
        for source, future in [(s, pool.submit(check_input, a.docexport, s)) for s in inputs]:
            try:
                ok, report = future.result()
            except Exception as e:  # a checker or tool failure is a failure of this input, reported
                ok, report = False, f"fidelity: {source} FAILED: {type(e).__name__}: {e}"
            print(report, flush=True)
            passed += ok
            failed += not ok
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
