#!/usr/bin/env bash
# Installs the built docexport into a temporary prefix, then builds and runs examples/ against the installed
# CMake package, and compiles it once more with the pkg-config file. Exits 77, which ctest reports as skipped,
# when cmake, g++ or pkg-config is missing (as tests/validate/tools.py does for the validators' tools).
set -euo pipefail
missing=()
for tool in cmake g++ pkg-config; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
  echo "SKIP: not found: ${missing[*]}; .ci/setup installs them"
  exit 77
fi
build=$1
src=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
cmake -S "$src/examples" -B "$tmp/example" -DCMAKE_PREFIX_PATH="$tmp/prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$tmp/example" >/dev/null
out=$("$tmp/example/brief_stats" "$src/input/000_b1834eac59d0b97b.txt")
echo "$out"
grep -q "^title: 工信部宣布新增5個國家人工智能創新應用先導區$" <<<"$out"
grep -q "^section: 工信部宣布新增5個國家人工智能創新應用先導區 (6 blocks)$" <<<"$out"
grep -q "^epub: [0-9]* bytes$" <<<"$out"
libdir=$(find "$tmp/prefix" -name docexport.pc -printf '%h\n' | head -1)
# The .pc file names the configured prefix; point it at the temporary one.
flags=$(PKG_CONFIG_PATH="$libdir" pkg-config --define-variable=prefix="$tmp/prefix" --cflags --libs docexport)
g++ -o "$tmp/by_pkgconfig" "$src/examples/brief_stats.cpp" $flags -Wl,-rpath,"$(dirname "$libdir")"
"$tmp/by_pkgconfig" "$src/input/000_b1834eac59d0b97b.txt" | grep -q "^title: "
echo "installed package: CMake config and pkg-config both work"
