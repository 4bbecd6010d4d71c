#!/usr/bin/env bash
# docs/c-api.md's complete example compiles as strict C11 against the
# library and prints what the page says it prints.
#   doc_example_test.sh DOC CC INCLUDE_DIR LIBRARY
set -euo pipefail

doc=$1 cc=$2 include=$3 lib=$4
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ws-doc.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# The ```c block after "## A complete example", and the ``` block after
# "It prints:".
awk '/^## A complete example/ { on = 1 } on && /^```c$/ { copy = 1; next }
     copy && /^```$/ { exit } copy' "$doc" >"$tmp/example.c"
awk '/^It prints:/ { on = 1 } on && /^```$/ { if (copy) exit; copy = 1; next }
     copy' "$doc" >"$tmp/expected"
[ -s "$tmp/example.c" ] || { echo "no example found in $doc" >&2; exit 1; }
[ -s "$tmp/expected" ] || { echo "no expected output in $doc" >&2; exit 1; }

"$cc" -std=c11 -Wall -Wextra -Werror -pedantic -I"$include" "$tmp/example.c" \
  "$lib" -Wl,-rpath,"$(dirname "$lib")" -o "$tmp/example"
"$tmp/example" >"$tmp/actual"
if ! diff -u "$tmp/expected" "$tmp/actual"; then
  echo "docs/c-api.md's example prints something else (diff above)" >&2
  exit 1
fi
echo "ok: the example of $doc builds and prints what it says"
