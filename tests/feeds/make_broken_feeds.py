#!/usr/bin/env python3
"""Writes the broken-* test feeds: feeds of this directory broken the ways saved feeds break (a download cut
off, a CDATA section never closed, bare ampersands, undeclared namespace prefixes, a byte order mark that the
bytes contradict). Run once; the files are kept in git. tests/command/feed-lenient-*.test read them with and
without --lenient, and tests/unit/test_feed_lenient.cpp compares what --lenient recovers with a well-formed
feed holding the same text. Run: python3 tests/feeds/make_broken_feeds.py
"""
import pathlib

here = pathlib.Path(__file__).parent


def text(name):
    return (here / name).read_text(encoding="utf-8")


def write(name, data):
    (here / name).write_bytes(data)


def replace_once(s, old, new):
    assert s.count(old) == 1, old
    return s.replace(old, new)


def main():
    rss2 = text("rss2-zh.rss")

    # The download stopped in the middle of the second item's description (escaped HTML).
    write("broken-truncated.rss", rss2[: rss2.index("人工智能&lt;/em&gt;") + len("人工")].encode())

    # A Big5 feed cut off in the middle of its last item's title.
    big5 = (here / "issue-tech-big5.rss").read_bytes()
    write("broken-truncated-big5.rss", big5[: big5.index("電子書閱讀器".encode("big5")) + len("電子書".encode("big5"))])

    # The first item's CDATA section is never closed: by XML's rules the rest of the file is inside it.
    write("broken-unclosed-cdata.rss", replace_once(rss2, "]]></content:encoded>", "</content:encoded>").encode())

    # Bare ampersands in links and a title (query strings, "AT&T"), an HTML entity that XML does not know
    # (&nbsp;), and a misspelt end tag in the second item: the XML error is there, and every item must still be
    # read as written, the third one after the error included.
    amp = replace_once(rss2, "<link>https://news.example.cn/2021/02/20/ai.html</link>",
                       "<link>https://news.example.cn/2021/02/20/ai.html?utm_source=rss&utm_medium=feed</link>")
    amp = replace_once(amp, "<title>第二篇：上海先導區</title>", "<title>第二篇：上海先導區</titel>")
    amp = replace_once(amp, "<link>https://news.example.cn/x.html</link>",
                       "<link>https://news.example.cn/x.html?id=3&amp;lang=zh&ref=rss</link>")
    amp = replace_once(amp, "<title>日期不明的文章</title>", "<title>AT&T 與&nbsp;日期不明的文章 &lt;3&gt;</title>")
    write("broken-ampersand.rss", amp.encode())

    # Bare ampersands alone (in attributes and text): well-formed otherwise, read as written in both modes.
    atom = text("atom-zh.atom")
    atom = replace_once(atom, '<link rel="alternate" href="/posts/clreq.html"/>',
                        '<link rel="alternate" href="/posts/clreq.html?from=atom&lang=zh-Hant"/>')
    atom = replace_once(atom, "<title>外部內容</title>", "<title>外部內容 R&D</title>")
    write("broken-ampersand.atom", atom.encode())

    # The namespace declarations lost (dc:, content:, atom: used all the same) and the download cut off after
    # the first item's content.
    pre = replace_once(rss2, ' xmlns:content="http://purl.org/rss/1.0/modules/content/" '
                             'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom"', "")
    write("broken-undeclared-prefix.rss", pre[: pre.index("</content:encoded>") + len("</content:encoded>\n")].encode())

    # A UTF-16LE byte order mark left in front of the UTF-8 bytes.
    write("broken-bom-utf16.rss", b"\xff\xfe" + rss2.encode())

    # A UTF-8 byte order mark in front of a GBK feed that declares its encoding.
    gbk = replace_once(rss2, 'encoding="UTF-8"', 'encoding="GBK"')
    write("broken-bom-gbk.rss", b"\xef\xbb\xbf" + gbk.encode("gbk"))


if __name__ == "__main__":
    main()
