#!/usr/bin/env python3
"""Checks that feed entries run on in the PDF and fill their pages, and that --style with sections: break: page
starts each entry on a page of its own.

usage: run_on.py DOCEXPORT

A feed of 50 short entries is made from the sample's article text (input/*.txt, a real news article): each entry
a slice of 200 to 480 characters at a different place, as short posts are. Its PDF's body pages are read with
pdftotext; the Han characters of each page are counted. A full page is measured on the same text set as one long
article (the median of its body pages). Passes when:
  1. the median body page of the feed holds at least 60% of a full page (the last page of the feed aside);
  2. every entry's title and text come back, in order (nothing lost by running on);
  3. with a style whose sections: break: is page, there is a page per entry (the old layout, still available).
"""
import pathlib, random, re, statistics, subprocess, sys, tempfile

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002ffff]")


def han(s):
    return "".join(HAN.findall(s))


def pages(pdf):
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True).stdout
    return out.decode("utf-8").split("\f")[:-1]


def body_pages(all_pages):
    """The pages after the front matter (title page and contents): from the first page numbered 1."""
    for k, p in enumerate(all_pages):
        lines = [l.strip() for l in p.strip().split("\n") if l.strip()]
        if lines and lines[-1] == "1":
            return all_pages[k:]
    return all_pages


def main():
    exe = sys.argv[1]
    root = pathlib.Path(__file__).resolve().parents[2]
    article = "".join(p.read_text(encoding="utf-8") for p in sorted((root / "input").glob("*.txt")))
    text = "".join(ch for ch in article if not ch.isspace())
    failures = []
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = pathlib.Path(tmpdir)
        rng = random.Random(20210220)
        items, entries = [], []
        for i in range(50):
            n = rng.randint(200, 480)
            start = rng.randint(0, len(text) - n - 1)
            body = text[start:start + n]
            title = f"第{i + 1}則短訊"
            entries.append((title, body))
            paras = "".join(f"<p>{body[j:j + 160]}</p>" for j in range(0, len(body), 160))
            items.append(f"<item><title>{title}</title><link>https://example.cn/{i}.html</link><guid>g{i}</guid>"
                         f"<pubDate>Sat, 20 Feb 2021 08:{i:02d}:00 +0800</pubDate>"
                         f"<description><![CDATA[{paras}]]></description></item>")
        feed = tmp / "short.rss"
        feed.write_text('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>先導區短訊</title>'
                        '<link>https://example.cn/</link><description>每日短訊</description>' + "".join(items) +
                        "</channel></rss>", encoding="utf-8")
        long_md = tmp / "long.md"
        long_md.write_text("# 長文\n\n" + "\n\n".join(text[j:j + 400] for j in range(0, len(text), 400)) + "\n",
                           encoding="utf-8")
        for src, out in ((feed, "feed.pdf"), (long_md, "long.pdf")):
            subprocess.run([exe, "--pdf", "-q", "-o", str(tmp / out), str(src)], check=True)

        full = statistics.median(len(han(p)) for p in body_pages(pages(tmp / "long.pdf"))[:-1])
        feed_pages = body_pages(pages(tmp / "feed.pdf"))
        counts = [len(han(p)) for p in feed_pages[:-1]]
        median = statistics.median(counts)
        print(f"full page: {full} Han characters; feed: {len(feed_pages)} body pages for 50 entries, "
              f"median page {median} ({median / full:.0%} of a full page)")
        if median < 0.6 * full:
            failures.append(f"the median feed page holds {median} Han characters, under 60% of a full page ({full})")

        # Nothing lost: every entry, title then text, in order in the body (newest first, as feeds are printed),
        # with the running heads (the feed's title) taken out.
        body = han("".join("\n".join(l for l in p.split("\n") if l.strip() != "先導區短訊") for p in feed_pages))
        at = 0
        for title, text_ in reversed(entries):
            for piece in (han(title), han(text_)):
                found = body.find(piece, at)
                if found < 0:
                    failures.append(f"{title}: {piece[:20]}… is missing or out of order")
                    break
                at = found + len(piece)

        # A style that starts every section on a page gives a page per entry.
        style = tmp / "paged.yaml"
        style.write_text("name: paged\nsections:\n  break: page\n", encoding="utf-8")
        subprocess.run([exe, "--pdf", "-q", "--style", str(style), "-o", str(tmp / "paged.pdf"), str(feed)], check=True)
        paged = len(body_pages(pages(tmp / "paged.pdf")))
        print(f"sections: break: page gives {paged} body pages")
        if paged < 50:
            failures.append(f"with sections: break: page, {paged} body pages for 50 entries")
    for f in failures:
        print("FAIL", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
