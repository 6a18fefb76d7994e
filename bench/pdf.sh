#!/usr/bin/env bash
# Times docexport --pdf against Typst, pandoc → XeLaTeX, WeasyPrint and wkhtmltopdf on 1, 100 and 1,000 generated
# articles, side by side in one run: wall time and peak memory (GNU time's maximum resident set size), file
# size, pages and the share of the book's Han characters that pdftotext gives back in order, then docexport's
# speed and memory against each peer. Then the sample brief set horizontally and vertically (--vertical), and
# docexport alone at --large articles (default 10,000), PDF and EPUB,
# time and memory beside the largest count's, so their growth is tracked.
#
# usage: bench/pdf.sh [--large N] [DOCEXPORT] [COUNTS...]   (default: 10000, build/docexport, 1 100 1000)
#   --large 0 leaves the docexport-only run out (it adds about 20 s; the peers take minutes at 1,000).
# Peers that are not installed are left out with a note (bench/README.md lists their packages). Every tool
# reads the same book: docexport and pandoc the Markdown file, WeasyPrint and wkhtmltopdf the HTML that pandoc
# makes of it beforehand, Typst the Typst markup that bench/md2typ.py makes of it beforehand (both untimed).
# All set it in Noto Serif CJK TC on A4. Typst is its node compiler from npm, installed on first use into
# TYPST_NODE_DIR (default bench/.typst, not committed) and run by bench/typst.js.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
large=10000
while [ $# -gt 0 ]; do
  case "$1" in
    --large) large="${2:?--large needs a count}"; shift 2 ;;
    --large=*) large="${1#--large=}"; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
docexport="${1:-$here/../build/docexport}"
shift || true
if [ $# -gt 0 ]; then counts=("$@"); else counts=(1 100 1000); fi
[ -x /usr/bin/time ] || { echo "bench: GNU time is missing (apt-get install time)" >&2; exit 1; }
[ -x "$docexport" ] || { echo "bench: $docexport is not built" >&2; exit 1; }
docexport="$(cd "$(dirname "$docexport")" && pwd)/$(basename "$docexport")"   # the runs happen elsewhere
command -v pandoc >/dev/null || { echo "bench: pandoc is missing (apt-get install pandoc)" >&2; exit 1; }
command -v pdfinfo >/dev/null || { echo "bench: pdfinfo is missing (apt-get install poppler-utils)" >&2; exit 1; }
typst_version=0.7.0   # @myriaddreamin/typst-ts-node-compiler 0.7.0 is Typst 0.14
export TYPST_NODE_DIR="${TYPST_NODE_DIR:-$here/.typst}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 "$here/generate.py" "$work/corpus" "${counts[@]}" >/dev/null
export SOURCE_DATE_EPOCH=1700000000
font="Noto Serif CJK TC"
printf '<style>\nbody { font-family: "%s", serif; font-size: 10.5pt; line-height: 1.8; text-align: justify; max-width: none; }\n@page { size: A4; margin: 25mm; }\n</style>\n' \
  "$font" > "$work/style.html"

peers=()
if command -v node >/dev/null && command -v npm >/dev/null; then
  if [ ! -d "$TYPST_NODE_DIR/node_modules/@myriaddreamin/typst-ts-node-compiler" ]; then
    echo "note: installing @myriaddreamin/typst-ts-node-compiler@$typst_version into $TYPST_NODE_DIR" >&2
    mkdir -p "$TYPST_NODE_DIR"
    npm install --prefix "$TYPST_NODE_DIR" --no-audit --no-fund --no-save --loglevel=error \
      "@myriaddreamin/typst-ts-node-compiler@$typst_version" >&2 || echo "note: the Typst install failed" >&2
  fi
  [ -d "$TYPST_NODE_DIR/node_modules/@myriaddreamin/typst-ts-node-compiler" ] && peers+=(typst)
else
  echo "note: typst left out: node and npm are not installed"
fi
command -v xelatex >/dev/null && peers+=(xelatex) || echo "note: xelatex not installed (texlive-xetex texlive-lang-chinese)"
command -v weasyprint >/dev/null && peers+=(weasyprint) || echo "note: weasyprint not installed"
command -v wkhtmltopdf >/dev/null && peers+=(wkhtmltopdf) || echo "note: wkhtmltopdf not installed"

# command_for TOOL N OUT: sets cmd to the command that converts article set N with TOOL into OUT.
command_for() {
  local dir="$work/corpus/$2"
  case "$1" in
    docexport) cmd=("$docexport" --pdf -q -o "$3" "$dir/book.md") ;;
    typst) cmd=(node "$here/typst.js" "$dir/book.typ" "$3") ;;
    xelatex) cmd=(pandoc "$dir/book.md" -o "$3" --pdf-engine=xelatex -V "CJKmainfont=$font" -V babel-lang=chinese-traditional -V geometry:a4paper
                  -V geometry:margin=25mm) ;;
    weasyprint) cmd=(weasyprint -q "$dir/book.html" "$3") ;;
    wkhtmltopdf) cmd=(wkhtmltopdf -q -s A4 --encoding utf-8 "$dir/book.html" "$3") ;;
  esac
}

# measure TOOL N: prints "seconds kilobytes bytes pages recall", or "fail" (and the tool's last words on stderr).
measure() {
  local out="$work/$1-$2.pdf"
  command_for "$1" "$2" "$out"
  if /usr/bin/time -f '%e %M' -o "$work/time" "${cmd[@]}" >/dev/null 2>"$work/stderr" && [ -s "$out" ]; then
    read -r secs kb < <(tail -n 1 "$work/time")
    echo "$secs $kb $(stat -c %s "$out") $(pdfinfo "$out" 2>/dev/null | awk '/^Pages:/ {print $2}') $(python3 "$here/han_recall.py" "$work/corpus/$2/book.md" "$out" 2>/dev/null)"
  else
    echo "fail"
    { echo "bench: $1 failed on $2 articles:"; tail -n 5 "$work/stderr"; } >&2
  fi
  rm -f "$out"
}

results="$work/results"
cd "$work"   # XeLaTeX leaves files (missfont.log) in the current directory
for n in "${counts[@]}"; do
  pandoc -s "$work/corpus/$n/book.md" -H "$work/style.html" --metadata lang=zh-Hant-TW -o "$work/corpus/$n/book.html" 2>/dev/null
  python3 "$here/md2typ.py" "$work/corpus/$n/book.md" "$work/corpus/$n/book.typ"
  for tool in docexport "${peers[@]}"; do
    echo "$n $tool $(measure "$tool" "$n")" >> "$results"
  done
done

echo "Han-text recall: the share of the book's Han characters that pdftotext gives back in order (bench/han_recall.py)."
python3 - "$results" <<'PY'
import sys, collections
rows = collections.defaultdict(dict)
order = []
for line in open(sys.argv[1]):
    parts = line.split()
    n, tool = parts[0], parts[1]
    if n not in order:
        order.append(n)
    rows[n][tool] = None if parts[2] == "fail" else (float(parts[2]), int(parts[3]), int(parts[4]),
                                                      parts[5] if len(parts) > 5 else "?", parts[6] if len(parts) > 6 else "?")
names = {"docexport": "docexport", "typst": "Typst", "xelatex": "pandoc → XeLaTeX", "weasyprint": "WeasyPrint",
         "wkhtmltopdf": "wkhtmltopdf"}
present = [t for t in names if any(t in rows[n] for n in order)]
print("| articles | " + " | ".join(names[t] for t in present)
      + " | docexport faster (peer's time ÷ docexport's) | docexport's memory less (peer's ÷ docexport's) |")
print("|---:|" + "---|" * (len(present) + 2))
for n in order:
    cells = []
    for t in present:
        r = rows[n].get(t)
        cells.append("failed" if r is None else f"{r[0]:.2f} / {r[1] / 1024:.0f} / {r[2] // 1024} / {r[3]} / {r[4]}%")
    d = rows[n].get("docexport")
    peers = [t for t in present if t != "docexport" and rows[n].get(t)]
    speed = mem = "—"
    if d and peers:
        speed = ", ".join(f"{names[t]} {rows[n][t][0] / max(d[0], 0.005):.1f}x" for t in peers)
        mem = ", ".join(f"{names[t]} {rows[n][t][1] / d[1]:.1f}x" for t in peers)
    print(f"| {n} | " + " | ".join(cells) + f" | {speed} | {mem} |")
print("(cells: seconds / peak MB / KB / pages / Han-text recall)")
PY

# The sample brief (input/brief.yaml) horizontal and vertical (--vertical): the median of 9 runs each.
sample="$here/../input/brief.yaml"
if [ -f "$sample" ]; then
  for mode in horizontal vertical; do
    flag=(); [ "$mode" = vertical ] && flag=(--vertical)
    for i in 1 2 3 4 5 6 7 8 9; do
      /usr/bin/time -f '%e %M' -o "$work/time" "$docexport" --pdf -q "${flag[@]}" -o "$work/sample.pdf" "$sample" >/dev/null 2>&1
      echo "$mode $(tail -n 1 "$work/time")" >> "$work/sample"
    done
  done
  echo
  python3 - "$work/sample" <<'PY'
import sys, statistics
runs = {}
for line in open(sys.argv[1]):
    mode, secs, kb = line.split()
    runs.setdefault(mode, []).append((float(secs), int(kb)))
h, v = (statistics.median(s for s, _ in runs[m]) for m in ("horizontal", "vertical"))
mh, mv = (max(k for _, k in runs[m]) / 1024 for m in ("horizontal", "vertical"))
print(f"sample brief, median of 9: horizontal {h:.3f} s / {mh:.0f} MB, vertical {v:.3f} s / {mv:.0f} MB: "
      f"vertical takes {v / max(h, 0.001):.2f}x the time")
PY
fi

# docexport alone at --large articles, PDF and EPUB from the manifest, beside the largest count above.
[ "$large" -gt 0 ] 2>/dev/null || exit 0
base="${counts[-1]}"
for c in "${counts[@]}"; do [ "$c" -gt "$base" ] && base="$c"; done
python3 "$here/generate.py" "$work/corpus" "$large" >/dev/null
growth="$work/growth"
sizes=("$large"); [ "$base" -lt "$large" ] && sizes=("$base" "$large")
for n in "${sizes[@]}"; do
  for fmt in pdf epub; do
    out="$work/large-$n.$fmt"
    if /usr/bin/time -f '%e %M' -o "$work/time" "$docexport" "--$fmt" -q -o "$out" "$work/corpus/$n/book.yaml" >/dev/null 2>"$work/stderr"; then
      read -r secs kb < <(tail -n 1 "$work/time")
      pages=$([ "$fmt" = pdf ] && pdfinfo "$out" 2>/dev/null | awk '/^Pages:/ {print $2}' || echo -)
      echo "$n $fmt $secs $kb $(stat -c %s "$out") $pages" >> "$growth"
    else
      echo "$n $fmt fail" >> "$growth"; { echo "bench: docexport --$fmt failed on $n articles:"; tail -n 5 "$work/stderr"; } >&2
    fi
    rm -f "$out"
  done
done
echo
echo "docexport alone, from the manifest (book.yaml): seconds / peak MB / KB (/ pages)"
python3 - "$growth" <<'PY'
import sys
rows = {}
for line in open(sys.argv[1]):
    p = line.split()
    rows[(int(p[0]), p[1])] = None if p[2] == "fail" else (float(p[2]), int(p[3]), int(p[4]), p[5])
ns = sorted({n for n, _ in rows})
print("| articles | PDF | EPUB |")
print("|---:|---|---|")
for n in ns:
    cells = []
    for fmt in ("pdf", "epub"):
        r = rows.get((n, fmt))
        cells.append("failed" if r is None else f"{r[0]:.2f} / {r[1] / 1024:.0f} / {r[2] // 1024}" + (f" / {r[3]}" if fmt == "pdf" else ""))
    print(f"| {n:,} | " + " | ".join(cells) + " |")
if len(ns) == 2:
    a, b = ns
    for fmt in ("pdf", "epub"):
        ra, rb = rows.get((a, fmt)), rows.get((b, fmt))
        if ra and rb:
            print(f"{fmt.upper()}: {b // a}x the articles took {rb[0] / max(ra[0], 0.005):.1f}x the time and {rb[1] / ra[1]:.1f}x the memory")
PY
