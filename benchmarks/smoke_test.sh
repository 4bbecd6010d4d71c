#!/usr/bin/env bash
# Runs every benchmark of ws_bench once at a tiny size (200 rows) in a
# temporary directory, then reads the results with targets.py: a benchmark
# or the target report that no longer runs fails the test. No figure is
# checked (speed belongs to scripts/bench, not to tests).
# Usage: smoke_test.sh WS_BENCH TARGETS_PY
set -euo pipefail
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
WS_BENCH_SIZES=200,400 WS_BENCH_ONCE=1 WS_BENCH_DIR="$dir/data" "$1" \
  --benchmark_out="$dir/results.json" --benchmark_out_format=json >/dev/null
/usr/bin/python3 "$2" "$dir/results.json"
# Every benchmark ran: 4 sized items x 3 sides x 2 sizes, the import's raw
# table with the library's indexes x 2 sizes, 14 single writes (4 of them
# beside raw tables with the library's indexes).
runs=$(grep -c '"run_type": "iteration"' "$dir/results.json")
if [[ "$runs" -ne 40 ]]; then
  echo "expected 40 benchmark runs, got $runs" >&2
  exit 1
fi
