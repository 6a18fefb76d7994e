#!/usr/bin/env bash
# Peak memory and time of docexport on text files that are one line of Chinese text with no line break: the
# worst case for a reader and a layout that work a paragraph at a time. For each size (MB), prints wall time and
# peak resident memory (GNU time) of --dump-model, --pdf and --epub, and of --pdf on the same line as Markdown
# ("--pdf .md"), against a budget of at most 4x the input plus 200 MB.
#
# usage: bench/long_line.sh [DOCEXPORT] [SIZES_MB...]     (default: build/docexport 1 5 20 50)
set -euo pipefail
exe=${1:-build/docexport}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1 5 20 50)
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install -y time" >&2; exit 77; }
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

printf '%-6s | %-12s | %8s | %10s | %10s | %s\n' "MB" "mode" "seconds" "peak MB" "budget MB" "within"
printf -- '-------+--------------+----------+------------+------------+-------\n'
for mb in "${sizes[@]}"; do
  file="$work/line-$mb.txt"
  # The sample's articles joined without their line breaks, repeated to the size (cut on a character boundary).
  python3 - "$here/input" "$file" "$mb" <<'PY'
import pathlib, sys
src, out, mb = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
text = "".join(p.read_text(encoding="utf-8").replace("\n", "") for p in sorted(src.glob("*.txt")))
data = text.encode() * (mb * 1024 * 1024 // len(text.encode()) + 1)
out.write_bytes(data[:mb * 1024 * 1024].decode("utf-8", "ignore").encode())
PY
  budget=$((4 * mb + 200))
  # The same line as Markdown: one paragraph (with the e-mail addresses of the scraped footers to autolink).
  cp "$file" "$work/line-$mb.md"
  for mode in --dump-model --pdf --epub "--pdf .md"; do
    out="$work/out"
    input="$file"
    [ "$mode" = "--pdf .md" ] && input="$work/line-$mb.md"
    /usr/bin/time -f '%e %M' -o "$work/time" "$exe" ${mode% .md} -q -o "$out" "$input" >/dev/null 2>"$work/err" \
      || { echo "$mode on $mb MB failed: $(head -c 300 "$work/err")" >&2; continue; }
    read -r secs kb < "$work/time"
    peak=$((kb / 1024))
    printf '%-6s | %-12s | %8s | %10s | %10s | %s\n' "$mb" "$mode" "$secs" "$peak" "$budget" \
      "$([ "$peak" -le "$budget" ] && echo yes || echo NO)"
    rm -f "$out"
  done
done
