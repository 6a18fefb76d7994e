#!/usr/bin/env bash
# Times docexport --pdf against pandoc → XeLaTeX, WeasyPrint and wkhtmltopdf on 1, 100 and 1,000 generated
# articles, side by side in one run: wall time and peak memory (GNU time's maximum resident set size), file
# size and pages, then the ratios against the fastest peer and against each peer's memory.
#
# usage: bench/pdf.sh [DOCEXPORT] [COUNTS...]     (default: build/docexport, 1 100 1000)
# Peers that are not installed are left out with a note (bench/README.md lists their packages). Every tool
# reads the same book: docexport and pandoc the Markdown file, WeasyPrint and wkhtmltopdf the HTML that pandoc
# makes of it beforehand (untimed). All set it in Noto Serif CJK TC on A4.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
docexport="${1:-$here/../build/docexport}"
shift || true
if [ $# -gt 0 ]; then counts=("$@"); else counts=(1 100 1000); fi
[ -x /usr/bin/time ] || { echo "bench: GNU time is missing (apt-get install time)" >&2; exit 1; }
[ -x "$docexport" ] || { echo "bench: $docexport is not built" >&2; exit 1; }
docexport="$(cd "$(dirname "$docexport")" && pwd)/$(basename "$docexport")"   # the runs happen elsewhere
command -v pandoc >/dev/null || { echo "bench: pandoc is missing (apt-get install pandoc)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 "$here/generate.py" "$work/corpus" "${counts[@]}" >/dev/null
export SOURCE_DATE_EPOCH=1700000000
font="Noto Serif CJK TC"
printf '<style>\nbody { font-family: "%s", serif; font-size: 10.5pt; line-height: 1.8; text-align: justify; max-width: none; }\n@page { size: A4; margin: 25mm; }\n</style>\n' \
  "$font" > "$work/style.html"

peers=()
command -v xelatex >/dev/null && peers+=(xelatex) || echo "note: xelatex not installed (texlive-xetex texlive-lang-chinese)"
command -v weasyprint >/dev/null && peers+=(weasyprint) || echo "note: weasyprint not installed"
command -v wkhtmltopdf >/dev/null && peers+=(wkhtmltopdf) || echo "note: wkhtmltopdf not installed"

# command_for TOOL N OUT: sets cmd to the command that converts article set N with TOOL into OUT.
command_for() {
  local dir="$work/corpus/$2"
  case "$1" in
    docexport) cmd=("$docexport" --pdf -q -o "$3" "$dir/book.md") ;;
    xelatex) cmd=(pandoc "$dir/book.md" -o "$3" --pdf-engine=xelatex -V "CJKmainfont=$font" -V babel-lang=chinese-traditional -V geometry:a4paper
                  -V geometry:margin=25mm) ;;
    weasyprint) cmd=(weasyprint -q "$dir/book.html" "$3") ;;
    wkhtmltopdf) cmd=(wkhtmltopdf -q -s A4 --encoding utf-8 "$dir/book.html" "$3") ;;
  esac
}

# measure TOOL N: prints "seconds kilobytes bytes pages", or "fail".
measure() {
  local out="$work/$1-$2.pdf"
  command_for "$1" "$2" "$out"
  if /usr/bin/time -f '%e %M' -o "$work/time" "${cmd[@]}" >/dev/null 2>"$work/stderr" && [ -s "$out" ]; then
    read -r secs kb < "$work/time"
    echo "$secs $kb $(stat -c %s "$out") $(pdfinfo "$out" 2>/dev/null | awk '/^Pages:/ {print $2}')"
  else
    echo "fail"
  fi
}

results="$work/results"
cd "$work"   # XeLaTeX leaves files (missfont.log) in the current directory
for n in "${counts[@]}"; do
  pandoc -s "$work/corpus/$n/book.md" -H "$work/style.html" --metadata lang=zh-Hant-TW -o "$work/corpus/$n/book.html" 2>/dev/null
  for tool in docexport "${peers[@]}"; do
    echo "$n $tool $(measure "$tool" "$n")" >> "$results"
  done
done

python3 - "$results" <<'PY'
import sys, collections
rows = collections.defaultdict(dict)
order = []
for line in open(sys.argv[1]):
    parts = line.split()
    n, tool = parts[0], parts[1]
    if n not in order:
        order.append(n)
    rows[n][tool] = None if parts[2] == "fail" else (float(parts[2]), int(parts[3]), int(parts[4]), parts[5] if len(parts) > 5 else "?")
tools = ["docexport", "xelatex", "weasyprint", "wkhtmltopdf"]
present = [t for t in tools if any(t in rows[n] for n in order)]
print("| articles | " + " | ".join(f"{t} s / MB / KB / pages" for t in present) + " | docexport vs fastest peer | memory vs each peer |")
print("|---:|" + "---|" * (len(present) + 2))
for n in order:
    cells = []
    for t in present:
        r = rows[n].get(t)
        cells.append("failed" if r is None else f"{r[0]:.2f} / {r[1] / 1024:.0f} / {r[2] // 1024} / {r[3]}")
    d = rows[n].get("docexport")
    peers = {t: r for t, r in rows[n].items() if t != "docexport" and r}
    speed = mem = "—"
    if d and peers:
        fastest = min(peers, key=lambda t: peers[t][0])
        speed = f"{peers[fastest][0] / max(d[0], 0.005):.1f}x faster than {fastest}"
        mem = ", ".join(f"{peers[t][1] / d[1]:.1f}x less than {t}" for t in sorted(peers))
    print(f"| {n} | " + " | ".join(cells) + f" | {speed} | {mem} |")
PY
