#!/usr/bin/env python3
"""Prints the share (%) of a Markdown book's Han characters that pdftotext gives back from a PDF, in order.

usage: han_recall.py BOOK.md OUT.pdf

The reference is every Han character of BOOK.md after its front matter; the PDF's are those of `pdftotext`.
The share is the longest common subsequence of the two over the reference's length, found with GNU diff on
one character a line (as the shared peer harness measures it), so text a tool adds (title page, contents,
running heads) costs nothing, and characters it drops, reorders or maps to other code points (a Kangxi radical
for a Han character) count as lost.
"""
import os
import re
import subprocess
import sys
import tempfile

HAN = re.compile('[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]')


def main():
    src = open(sys.argv[1], encoding='utf-8').read()
    src = re.sub(r'\A---\n.*?\n---\n', '', src, flags=re.S)
    ref = HAN.findall(src)
    text = subprocess.run(['pdftotext', '-enc', 'UTF-8', sys.argv[2], '-'], capture_output=True, text=True,
                          errors='replace').stdout
    got = HAN.findall(text)
    if not ref or not got:
        print('0.0' if ref else '-')
        return
    with tempfile.TemporaryDirectory() as tmp:
        a, b = os.path.join(tmp, 'ref'), os.path.join(tmp, 'pdf')
        for path, chars in ((a, ref), (b, got)):
            with open(path, 'w', encoding='utf-8') as f:
                f.write('\n'.join(chars) + '\n')
        args = ['diff', a, b] if len(ref) > 300000 else ['diff', '--minimal', a, b]
        diff = subprocess.run(args, capture_output=True, text=True, encoding='utf-8', errors='replace').stdout
    lost = sum(1 for line in diff.splitlines() if line.startswith('< '))
    print(f'{100.0 * (len(ref) - lost) / len(ref):.2f}')


if __name__ == '__main__':
    main()
