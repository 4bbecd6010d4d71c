#!/usr/bin/env bash
# Installs the build into a temporary prefix and builds examples/c/agency.c
# against it with pkg-config alone (strict C11), then runs it.
#   install_c_test.sh BUILD_DIR SOURCE_DIR LIBDIR CC
set -euo pipefail

build_dir=$1 source_dir=$2 libdir=$3 cc=$4
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ws-install-c.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
prefix=$tmp/prefix

"${CMAKE:-cmake}" --install "$build_dir" --prefix "$prefix" >"$tmp/install.log" ||
  { cat "$tmp/install.log"; exit 1; }
[ -e "$prefix/include/worksection/c.h" ] ||
  { echo "c.h is missing from the install" >&2; exit 1; }

export PKG_CONFIG_PATH=$prefix/$libdir/pkgconfig
read -r -a flags <<<"$(pkg-config --cflags --libs worksection)"
"$cc" -std=c11 -Wall -Wextra -Werror -pedantic \
  "$source_dir/examples/c/agency.c" "${flags[@]}" \
  -Wl,-rpath,"$prefix/$libdir" -o "$tmp/agency_c"
"$tmp/agency_c" >"$tmp/out"
grep -q 'client creates a project: WS_EPERM' "$tmp/out"
echo "ok: examples/c/agency.c built against $prefix with pkg-config alone"
