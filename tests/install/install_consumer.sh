#!/usr/bin/env bash
# Installs a built tree into a temporary prefix, then builds and runs a small
# program against that prefix twice: with pkg-config and with find_package.
# Also builds and runs README.md's C++ example there, so the README keeps
# matching the API.
#   install_consumer.sh BUILD_DIR LIBDIR INCLUDEDIR
set -euo pipefail

build_dir=$1 libdir=$2 includedir=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ws-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM  # so the EXIT trap cleans up then too
prefix=$tmp/prefix
cmake=${CMAKE:-cmake}

"$cmake" --install "$build_dir" --prefix "$prefix" >"$tmp/install.log" ||
  { cat "$tmp/install.log"; exit 1; }

for f in "$libdir/libworksection.so.0" "$libdir/libworksection.so" \
         "$libdir/pkgconfig/worksection.pc" \
         "$libdir/cmake/worksection/worksectionConfig.cmake" \
         "$includedir/worksection/worksection.h"; do
  [ -e "$prefix/$f" ] || { echo "missing from the install: $f" >&2; exit 1; }
done
echo "installed: $libdir/libworksection.so.0 -> $(readlink "$prefix/$libdir/libworksection.so.0")"

# pkg-config; the .pc file is relocatable, so no --define-variable.
export PKG_CONFIG_PATH=$prefix/$libdir/pkgconfig
read -r -a flags <<<"$(pkg-config --cflags --libs worksection)"
"${CXX:-c++}" -std=c++17 "$here/consumer/consumer.cc" "${flags[@]}" \
  -Wl,-rpath,"$prefix/$libdir" -o "$tmp/consumer-pc"
out=$("$tmp/consumer-pc")
echo "pkg-config:    $out"

# README.md's first C++ block, on an in-memory workspace.
awk '/^```cpp/ { n++; next } /^```/ { if (n == 1) exit } n == 1' \
  "$here/../../README.md" | sed 's/"agency.db"/"memory:"/' >"$tmp/readme.cc"
"${CXX:-c++}" -std=c++17 "$tmp/readme.cc" "${flags[@]}" \
  -Wl,-rpath,"$prefix/$libdir" -o "$tmp/readme"
out=$("$tmp/readme")
echo "README.md:     $out"
[ "$out" = "overdue: Build the checkout" ]

# find_package(worksection) from a separate CMake project.
"$cmake" -S "$here/consumer" -B "$tmp/consumer-build" \
  -DCMAKE_PREFIX_PATH="$prefix" >"$tmp/cmake.log" 2>&1 ||
  { cat "$tmp/cmake.log"; exit 1; }
"$cmake" --build "$tmp/consumer-build" >"$tmp/build.log" 2>&1 ||
  { cat "$tmp/build.log"; exit 1; }
out=$("$tmp/consumer-build/consumer")
echo "find_package:  $out"
