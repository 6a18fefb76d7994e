#!/usr/bin/env python3
"""Writes the encoded and hostile test feeds in this directory (run once; the files are kept in git).

Each encoded feed holds the same kind of Chinese (or Japanese, Korean, French) text in a legacy encoding,
so that tests can check that every character comes back. Run: python3 tests/feeds/make_feeds.py
"""
import pathlib

here = pathlib.Path(__file__).parent

TRAD = "國家人工智能創新應用先導區：北京、上海、天津、深圳、杭州、合肥、德清、重慶。"
SIMP = "国家人工智能创新应用先导区：北京、上海、天津、深圳、杭州、合肥、德清、重庆。"
JA = "東京都は新しい人工知能の実験区域を発表した。"
KO = "서울시는 인공지능 혁신 시범 구역을 발표했다."
FR = "Le café « Zoé » coûte 3 € — déjà vu, naïve façade."


def rss(encoding, title, text, declare=True):
    decl = f'<?xml version="1.0" encoding="{encoding}"?>\n' if declare else '<?xml version="1.0"?>\n'
    return (decl + '<rss version="2.0"><channel><title>' + title + '</title><link>https://example.org/</link>'
            '<description>' + title + '</description>'
            '<item><title>' + title + '</title><link>https://example.org/1</link>'
            '<pubDate>Sat, 20 Feb 2021 06:19:00 +0800</pubDate>'
            '<description><![CDATA[<p>' + text + '</p>]]></description></item>'
            '</channel></rss>\n')


def write(name, data):
    (here / name).write_bytes(data)


def main():
    write("enc-big5.rss", rss("Big5", "先導區簡報", TRAD).encode("cp950"))
    write("enc-gb18030.rss", rss("GB18030", "先导区简报", SIMP + "𠀀𪚥").encode("gb18030"))
    write("enc-gb2312.rss", rss("gb2312", "先导区简报", SIMP).encode("gbk"))
    write("enc-shift_jis.rss", rss("Shift_JIS", "人工知能", JA).encode("cp932"))
    write("enc-euc-kr.rss", rss("EUC-KR", "인공지능", KO).encode("cp949"))
    write("enc-windows-1252.rss", rss("windows-1252", "Café", FR).encode("cp1252"))
    write("enc-iso-8859-1.rss", rss("ISO-8859-1", "Café", FR.replace("€", "EUR").replace("—", "-")).encode("latin-1"))
    write("enc-utf-16le-bom.rss", b"\xff\xfe" + rss("UTF-16", "先導區", TRAD).encode("utf-16-le"))
    write("enc-utf-16be-bom.rss", b"\xfe\xff" + rss("UTF-16", "先導區", TRAD).encode("utf-16-be"))
    write("enc-utf-16le-nobom.rss", rss("UTF-16", "先導區", TRAD).encode("utf-16-le"))
    write("enc-utf-32le-bom.rss", b"\xff\xfe\x00\x00" + rss("UTF-32", "先導區", TRAD).encode("utf-32-le"))
    write("enc-utf-8-bom.rss", b"\xef\xbb\xbf" + rss("UTF-8", "先導區", TRAD).encode("utf-8"))
    # Undeclared legacy encodings: detected with a warning.
    write("enc-undeclared-gb18030.rss", rss("", "先导区简报", SIMP * 4, declare=False).encode("gb18030"))
    write("enc-undeclared-big5.rss", rss("", "先導區簡報", TRAD * 4, declare=False).encode("cp950"))
    # Declared UTF-8 with a few invalid bytes: U+FFFD, reported.
    write("enc-invalid-utf8.rss", rss("UTF-8", "先導區", TRAD).encode("utf-8").replace("北京".encode(), b"\xff\xfe\x80"))
    # An unknown encoding label, and one that looks like a path (ICU must never read a converter file).
    write("malformed-unknown-encoding.rss", rss("x-klingon", "先導區", TRAD).encode("utf-8"))
    write("hostile-encoding-path.rss", rss("/etc/passwd", "先導區", TRAD).encode("utf-8"))

    # Malformed documents.
    good = rss("UTF-8", "先導區", TRAD)
    write("malformed-truncated.rss", good[: good.index("</item>") - 20].encode())
    write("malformed-unclosed-cdata.rss", good.replace("]]></description>", "</description>").encode())
    write("malformed-empty.rss", b"")
    write("malformed-undeclared-prefix.rss",
          good.replace("<pubDate>", "<dc:creator>王明</dc:creator><media:thumbnail url='x'/><pubDate>").encode())
    write("malformed-not-a-feed.xml", b'<?xml version="1.0"?>\n<html><body>hi</body></html>\n')
    write("malformed-leading-space.rss", ("\n\n   " + good).encode())
    write("malformed-mismatch.rss", good.replace("</title>", "</titel>", 1).encode())

    # Hostile documents: none may expand, read a file or reach the network.
    lol = ['<!ENTITY lol "lol">'] + [f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(1, 10)]
    lol[1] = '<!ENTITY lol1 "' + "&lol;" * 10 + '">'
    write("hostile-billion-laughs.rss",
          ('<?xml version="1.0"?>\n<!DOCTYPE rss [\n' + "\n".join(lol) + "\n]>\n" +
           '<rss version="2.0"><channel><title>lol &lol9;</title><item><title>&lol9;</title>'
           '<description>&lol9;</description></item></channel></rss>\n').encode())
    big = "x" * 100000
    write("hostile-quadratic.rss",
          ('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "' + big + '">]>\n'
           '<rss version="2.0"><channel><title>q</title><item><title>q</title><description>' + "&a;" * 20000 +
           '</description></item></channel></rss>\n').encode())
    write("hostile-xxe-http.rss",
          ('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY ext SYSTEM "http://127.0.0.1:9/secret">]>\n'
           '<rss version="2.0"><channel><title>t</title><item><title>&ext;</title><description>&ext;</description>'
           '</item></channel></rss>\n').encode())
    write("hostile-external-dtd.rss",
          ('<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "http://127.0.0.1:9/rss.dtd" [<!ENTITY % p SYSTEM '
           '"file:///etc/passwd"> %p;]>\n'
           '<rss version="2.0"><channel><title>t</title><item><title>x</title><description>y</description>'
           '</item></channel></rss>\n').encode())
    write("hostile-deep-xml.rss",
          ('<rss version="2.0"><channel><title>t</title><item><title>x</title><description>' + "<a>" * 200000 +
           "</a>" * 200000 + '</description></item></channel></rss>\n').encode())
    write("hostile-deep-html.rss",
          ('<rss version="2.0"><channel><title>t</title><item><title>x</title><description><![CDATA[' +
           "<div>" * 100000 + "深" + "</div>" * 100000 + ']]></description></item></channel></rss>\n').encode())
    write("hostile-deep-json.json", b'{"version":"https://jsonfeed.org/version/1.1","items":' + b"[" * 100000 + b"]" * 100000 + b"}")


if __name__ == "__main__":
    main()
