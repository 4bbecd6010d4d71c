#!/usr/bin/env bash
# The library exports exactly the ws_* functions c.h declares, and nothing
# else but the C++ API (namespace worksection) under the WORKSECTION_0
# version node; its SONAME is libworksection.so.0.
#   symbols_test.sh LIBRARY C_H [CC]
set -euo pipefail

lib=$1 header=$2 cc=${3:-cc}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ws-symbols.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Declared: run the header through the preprocessor with WS_API marked, so
# comments and macros are gone; then every "WS_API_MARK ... ws_name(".
"$cc" -E -P -x c -DWS_API=WS_API_MARK "$header" | tr '\n' ' ' | tr ';' '\n' |
  grep 'WS_API_MARK' | sed -E 's/\(.*//' | grep -oE 'ws_[A-Za-z0-9_]+ *$' |
  tr -d ' ' | sort >"$tmp/declared"

# Exported: defined dynamic symbols, version suffix stripped.
nm -D --defined-only "$lib" | awk '{print $3}' | sed 's/@.*//' |
  grep '^ws_' | sort >"$tmp/exported"

status=0
if [ ! -s "$tmp/declared" ]; then
  echo "no WS_API declarations found in $header" >&2
  exit 1
fi
if ! cmp -s "$tmp/declared" "$tmp/exported"; then
  echo "ws_* symbols differ (< declared in c.h only, > exported only):" >&2
  diff "$tmp/declared" "$tmp/exported" >&2 || true
  status=1
fi

# Nothing else leaks: every other defined dynamic symbol is the version node
# or demangles into namespace worksection (its generated protobuf messages
# in worksection::v1 included: programs must use the library's copy).
nm -D --defined-only "$lib" | awk '{print $3}' | grep -v '^ws_' |
  c++filt | sed 's/@@WORKSECTION_0$//' >"$tmp/others"
if grep -vE '^WORKSECTION_0$|^((vtable|typeinfo|typeinfo name|VTT|guard variable) for |(non-)?virtual thunk to )?worksection::' \
  "$tmp/others" >"$tmp/leaks"; then
  echo "exported symbols outside ws_* and the C++ API:" >&2
  head -20 "$tmp/leaks" >&2
  status=1
fi
# Every exported symbol carries the version node.
if nm -D --defined-only "$lib" | awk '{print $3}' | grep -v '^WORKSECTION_0$' |
  grep -v '@@WORKSECTION_0$' >"$tmp/unversioned"; then
  echo "exported without the WORKSECTION_0 version:" >&2
  head -20 "$tmp/unversioned" >&2
  status=1
fi

soname=$(readelf -d "$lib" | sed -n 's/.*Library soname: \[\(.*\)\].*/\1/p')
if [ "$soname" != "libworksection.so.0" ]; then
  echo "SONAME is '$soname', expected libworksection.so.0" >&2
  status=1
fi

if [ "$status" = 0 ]; then
  echo "ok: $(wc -l <"$tmp/declared") ws_* functions declared and exported;" \
    "$(wc -l <"$tmp/others") C++ API symbols; SONAME $soname"
fi
exit "$status"
