#!/usr/bin/env bash
# Times this tree's docexport against the one built from an earlier revision, on the same generated book, in
# alternating runs (so that a busy moment hits both): the median time, peak memory and file size of each, and
# the ratio. For a change's cost or gain, e.g. tagging: bench/compare.sh e7a6dcb.
#
# usage: bench/compare.sh REV [ARTICLES] [RUNS] [FORMAT]   (defaults: 1000 articles, 7 runs, pdf)
#   REV is built once into $TMPDIR/docexport-compare/REV (a git worktree, Release); this tree's build/docexport
#   must exist. The book is bench/generate.py's ARTICLES/book.yaml.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
rev="${1:?usage: bench/compare.sh REV [ARTICLES] [RUNS] [pdf|epub]}"
articles="${2:-1000}"
runs="${3:-7}"
format="${4:-pdf}"
work="${TMPDIR:-/tmp}/docexport-compare"
current="$root/build/docexport"
[ -x "$current" ] || { echo "compare: $current is not built" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "compare: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

sha="$(git -C "$root" rev-parse --short "$rev")"
old="$work/$sha"
if [ ! -x "$old/build/docexport" ]; then
  rm -rf "$old"
  git -C "$root" worktree add -f --detach "$old" "$sha" >/dev/null
  cmake -S "$old" -B "$old/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$old/build" -j"$(nproc)" --target docexport_cli >/dev/null
fi
[ -f "$work/corpus/$articles/book.yaml" ] || python3 "$here/generate.py" "$work/corpus" "$articles" >/dev/null

book="$work/corpus/$articles/book.yaml"
results="$work/times.$$"
: > "$results"
for ((i = 0; i < runs; i++)); do
  for which in old new; do
    exe="$current"; [ "$which" = old ] && exe="$old/build/docexport"
    /usr/bin/time -f "$which %e %M" "$exe" --"$format" -q -o "$work/$which.$format" "$book" 2>>"$results"
  done
done
python3 - "$results" "$work/old.$format" "$work/new.$format" "$sha" <<'EOF'
import os, statistics, sys
times = {"old": [], "new": []}
memory = {"old": [], "new": []}
for line in open(sys.argv[1]):
    which, seconds, kb = line.split()
    times[which].append(float(seconds))
    memory[which].append(int(kb) / 1024)
t = {k: statistics.median(v) for k, v in times.items()}
m = {k: statistics.median(v) for k, v in memory.items()}
size = {"old": os.path.getsize(sys.argv[2]), "new": os.path.getsize(sys.argv[3])}
print(f"{len(times['new'])} alternating runs; medians")
print(f"  {sys.argv[4]:>12}: {t['old']:.2f} s, {m['old']:.0f} MiB, {size['old'] / 1e6:.2f} MB")
print(f"  {'this tree':>12}: {t['new']:.2f} s, {m['new']:.0f} MiB, {size['new'] / 1e6:.2f} MB")
print(f"  ratio: time {t['new'] / t['old']:.3f}, memory {m['new'] / m['old']:.3f}, size {size['new'] / size['old']:.3f}")
EOF
rm -f "$results"
