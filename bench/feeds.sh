#!/usr/bin/env bash
# Reading a large feed is linear in time and memory: generates RSS feeds of 1,000, 5,000 and 10,000 entries
# (Chinese HTML content, ~1.5 KB each) and reads each with docexport --outline (the reader and the model, no writer), measured by /usr/bin/time -v.
# usage: bench/feeds.sh [DOCEXPORT]   (default build/docexport); prints entries, bytes, seconds, max RSS.
set -euo pipefail
exe=${1:-build/docexport}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" <<'PY'
import sys, pathlib
out = pathlib.Path(sys.argv[1])
para = "<p>國家人工智能創新應用先導區的建設，將推動<strong>人工智能</strong>與實體經濟深度融合，" \
       "<a href='/x'>詳情</a>見工信部網站。</p>"
for n in (1000, 5000, 10000):
    items = []
    for i in range(n):
        day = 1 + i % 28
        items.append(f"<item><title>第{i}篇：先導區新聞</title><link>https://example.cn/{i}.html</link>"
                     f"<guid>id-{i}</guid><pubDate>Sat, {day:02d} Feb 2021 {i % 24:02d}:{i % 60:02d}:00 +0800</pubDate>"
                     f"<description><![CDATA[{para * 8}<ul><li>北京</li><li>上海</li></ul>]]></description></item>")
    (out / f"feed-{n}.rss").write_text('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                                       "<title>基準</title><link>https://example.cn/</link>" + "\n".join(items) +
                                       "</channel></rss>\n", encoding="utf-8")
PY
printf '%8s %12s %9s %12s\n' entries bytes seconds max_rss_kb
for n in 1000 5000 10000; do
  f="$tmp/feed-$n.rss"
  /usr/bin/time -v "$exe" --outline -o "$tmp/out.txt" "$f" 2> "$tmp/time.txt" >/dev/null
  secs=$(grep 'Elapsed (wall clock)' "$tmp/time.txt" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(grep 'Maximum resident set size' "$tmp/time.txt" | awk '{print $NF}')
  printf '%8d %12d %9s %12s\n' "$n" "$(stat -c %s "$f")" "$secs" "$rss"
done
