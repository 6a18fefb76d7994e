#!/usr/bin/env python3
"""Converts the benchmark's Markdown book (bench/generate.py's book.md) into Typst markup for bench/pdf.sh.

usage: md2typ.py IN.md OUT.typ

Handles what the generated corpus uses, and a little more: YAML front matter (title, lang), ATX headings,
paragraphs (soft line breaks joined, without a space between two Han characters), '-'/'*'/'+' and '1.' lists,
pipe tables with their column alignment, links, **strong**, *emphasis*/_emphasis_ and `code`. Everything else is
escaped as text. The page is set as docexport's default style (styles/brief.yaml) sets it and as the other peers
in bench/pdf.sh get it: A4 with 25 mm margins, Noto Serif CJK TC (HanaMin for rare characters) at 10.5 pt,
1.8 line spacing (an ideographic em box per line plus 0.8 em of leading), justified, 2 em first-line indent,
page numbers; then a title page, the contents (articles and their subheads) and each article on a new page.
"""
import re
import sys

HAN = '\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\U00020000-\U0003ffff'
SPECIAL = re.compile(r'([\\#*_`$@<>\[\]~=/+\-"\'.:])')
INLINE = re.compile(r'\[([^\]]*)\]\(([^)\s]+)\)|\*\*(.+?)\*\*|__(.+?)__|\*(.+?)\*|(?<![\w])_(.+?)_(?![\w])|`([^`]+)`')


def esc(text):
    # Backslash escapes every character that Typst markup could read as syntax (markup, smart quotes, URLs,
    # comments, list markers, ellipses); the rest stays as it is.
    return SPECIAL.sub(r'\\\1', text)


def string(text):
    return '"' + text.replace('\\', '\\\\').replace('"', '\\"') + '"'


def inline(text):
    out, pos = [], 0
    for m in INLINE.finditer(text):
        out.append(esc(text[pos:m.start()]))
        label, url, strong, strong2, em, em2, code = m.groups()
        if url is not None:
            out.append(f'#link({string(url)})[{inline(label)}]')
        elif strong is not None or strong2 is not None:
            out.append(f'#strong[{inline(strong or strong2)}]')
        elif em is not None or em2 is not None:
            out.append(f'#emph[{inline(em or em2)}]')
        else:
            out.append(f'#raw({string(code)})')
        pos = m.end()
    out.append(esc(text[pos:]))
    return ''.join(out)


def join_lines(lines):
    text = ''
    for line in (l.strip() for l in lines):
        if text and not (re.match(f'[{HAN}]', text[-1]) and re.match(f'[{HAN}]', line[:1])):
            text += ' '
        text += line
    return text


def cells(row):
    return [c.strip() for c in row.strip().strip('|').split('|')]


def table(rows):
    head, rule, body = cells(rows[0]), cells(rows[1]), [cells(r) for r in rows[2:]]
    n = len(head)
    align = ['right' if c.endswith(':') and not c.startswith(':') else 'center' if c.startswith(':') and c.endswith(':')
             else 'left' for c in rule][:n]
    align += ['left'] * (n - len(align))
    parts = [f'columns: {n}', f'align: ({", ".join(align)},)',
             'table.header(' + ', '.join(f'[*{inline(c)}*]' for c in head) + ')']
    for r in body:
        r = (r + [''] * n)[:n]
        parts.append(', '.join(f'[{inline(c)}]' for c in r))
    return '#table(' + ', '.join(parts) + ')'


def main():
    args = sys.argv[1:]
    depth = 1
    if args and args[0].startswith('--contents-depth='):
        depth = int(args.pop(0).split('=', 1)[1])
    src = open(args[0], encoding='utf-8').read()
    meta = {}
    m = re.match(r'---\n(.*?)\n---\n', src, re.S)
    if m:
        for line in m.group(1).splitlines():
            k, _, v = line.partition(':')
            meta[k.strip()] = v.strip().strip('"\'')
        src = src[m.end():]
    lang = meta.get('lang', 'zh-Hant-TW').split('-')
    region = next((p.lower() for p in lang[1:] if len(p) == 2), 'tw')
    title = meta.get('title', '')
    out = [
        f'#set document(title: {string(title)})',
        '#set page(paper: "a4", margin: 25mm, numbering: "1", header: align(right, text(size: 0.8em, '
        f'{string(title)})))',
        '#set text(font: ("Noto Serif CJK TC", "HanaMinA", "HanaMinB"), size: 10.5pt, '
        f'lang: "{lang[0]}", region: "{region}", top-edge: 0.88em, bottom-edge: -0.12em)',
        '#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: 0.8em, spacing: 0.8em)',
        '#show heading: set block(above: 1.6em, below: 1em)',
        '#show heading.where(level: 1): set text(size: 1.6em)',
        '#show heading.where(level: 2): set text(size: 1.35em)',
        '#show heading.where(level: 3): set text(size: 1.2em)',
        '',
    ]
    if title:
        out += ['#page(numbering: none, header: none, align(center + horizon, text(size: 2.4em, weight: "bold", '
                f'{string(title)})))', '']
    out += [f'#outline(depth: {depth})', '#pagebreak()', '']

    lines, i, para = src.split('\n'), 0, []

    def flush():
        if para:
            out.append(inline(join_lines(para)))
            out.append('')
            para.clear()

    while i < len(lines):
        line = lines[i]
        if not line.strip():
            flush()
        elif line.lstrip().startswith('|') and i + 1 < len(lines) and re.fullmatch(r'\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*', lines[i + 1]):
            flush()
            rows = []
            while i < len(lines) and lines[i].lstrip().startswith('|'):
                rows.append(lines[i])
                i += 1
            out += [table(rows), '']
            continue
        elif (h := re.match(r'(#{1,6})\s+(.*?)\s*#*\s*$', line)):
            flush()
            level = len(h.group(1))
            out += ['=' * level + ' ' + inline(h.group(2)), '']
        elif (li := re.match(r'(\s*)([-*+]|\d+[.)])\s+(.*)', line)):
            flush()
            marker = '-' if li.group(2) in '-*+' else '+'
            out.append(' ' * len(li.group(1)) + marker + ' ' + inline(li.group(3)))
            if i + 1 >= len(lines) or not re.match(r'\s*([-*+]|\d+[.)])\s', lines[i + 1]):
                out.append('')
        else:
            para.append(line)
        i += 1
    flush()
    with open(args[1], 'w', encoding='utf-8') as f:
        f.write('\n'.join(out) + '\n')


if __name__ == '__main__':
    main()
