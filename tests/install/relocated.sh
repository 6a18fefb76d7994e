#!/usr/bin/env bash
# A moved install works on its own: installs into a temporary prefix, moves the prefix, then
# - pkg-config --cflags/--libs name the moved prefix (the .pc file is relative to its own directory);
# - examples/ builds against the moved CMake package;
# - the moved docexport exports the sample brief as PDF and EPUB with the source and build trees hidden (a private
#   mount namespace with an empty tmpfs over them), so styles and fonts can only come from the moved share/.
# Exits 77 (skipped) when cmake, g++ or pkg-config is missing, or when no mount namespace can be made.
set -euo pipefail
for tool in cmake g++ pkg-config unshare; do
  command -v "$tool" >/dev/null || { echo "SKIP: not found: $tool"; exit 77; }
done
build=$(cd "$1" && pwd)
src=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
case "$tmp/" in "$src"/*|"$build"/*) echo "FAIL: the temporary directory $tmp is inside the tree"; exit 1;; esac

cmake --install "$build" --prefix "$tmp/first" >/dev/null
mv "$tmp/first" "$tmp/moved"
prefix="$tmp/moved"

pcdir=$(find "$prefix" -name docexport.pc -printf '%h\n' | head -1)
cflags=$(PKG_CONFIG_PATH="$pcdir" pkg-config --cflags docexport)
incdir=$(sed -n 's/^-I\([^ ]*\).*/\1/p' <<<"$cflags")
[[ "$(realpath "$incdir")" == "$prefix/include" ]] || { echo "FAIL: pkg-config --cflags gives '$cflags'"; exit 1; }
libs=$(PKG_CONFIG_PATH="$pcdir" pkg-config --libs docexport)
g++ -o "$tmp/by_pkgconfig" "$src/examples/brief_stats.cpp" $cflags $libs -Wl,-rpath,"$(dirname "$pcdir")"
cmake -S "$src/examples" -B "$tmp/example" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$tmp/example" >/dev/null
cp -r "$src/input" "$tmp/input"

# Everything below runs where the checkout and the build tree are empty directories.
hide="mount -t tmpfs none '$src'"
[[ "$build/" == "$src"/* ]] || hide="$hide && mount -t tmpfs none '$build'"
if ! unshare -m sh -c "$hide && test ! -e '$src/styles'" 2>/dev/null; then
  echo "SKIP: cannot hide the source tree (unshare -m needs root or user namespaces)"
  exit 77
fi
unshare -m sh -c "$hide && cd '$tmp' &&
  env -u DOCEXPORT_DATA_DIR SOURCE_DATE_EPOCH=1613801940 '$prefix/bin/docexport' --pdf -o out.pdf input/brief.yaml &&
  env -u DOCEXPORT_DATA_DIR SOURCE_DATE_EPOCH=1613801940 '$prefix/bin/docexport' --epub -o out.epub input/brief.yaml &&
  '$tmp/by_pkgconfig' input/000_b1834eac59d0b97b.txt > by_pkgconfig.txt &&
  '$tmp/example/brief_stats' input/000_b1834eac59d0b97b.txt > by_cmake.txt"
head -c 5 "$tmp/out.pdf" | grep -q '%PDF-' || { echo "FAIL: no PDF"; exit 1; }
python3 -c 'import sys, zipfile; sys.exit(zipfile.ZipFile(sys.argv[1]).read("mimetype") != b"application/epub+zip")' \
  "$tmp/out.epub" || { echo "FAIL: no EPUB"; exit 1; }
grep -q "^title: 工信部宣布新增5個國家人工智能創新應用先導區$" "$tmp/by_pkgconfig.txt"
grep -q "^epub: [0-9]* bytes$" "$tmp/by_cmake.txt"
# The same bytes as the build tree makes: nothing was lost by moving.
SOURCE_DATE_EPOCH=1613801940 "$build/docexport" --pdf -o "$tmp/build.pdf" "$src/input/brief.yaml"
cmp "$tmp/out.pdf" "$tmp/build.pdf" || { echo "FAIL: the moved install's PDF differs from the build tree's"; exit 1; }
echo "moved install ($(du -sh "$prefix" | cut -f1)): pkg-config, CMake package and the sample export work without the tree"
