#!/usr/bin/env bash
# Whole-process throughput: the release binary diffs each of the 400 NewsEdits pairs
# (exported as JSON articles with their given sentences), one process per pair, and once
# all in one process for comparison. Needs ../shared beside the repo.
#   bash benches/corpus.sh
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/newsedits-sample.json}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cargo build --release --quiet
cargo run --release --quiet --example align_eval -- export "$dir" "$corpus"
start=$(date +%s.%N)
for f in "$dir"/*.json; do
  ./target/release/newsdiff "$f" --format json -o /dev/null
done
end=$(date +%s.%N)
n=$(ls "$dir"/*.json | wc -l)
awk -v n="$n" -v s="$start" -v e="$end" 'BEGIN {
  printf "%d pairs, one process each: %.2f s, %.0f pairs/s (process start included)\n", n, e - s, n / (e - s) }'
cargo run --release --quiet --example align_eval -- corpus "$corpus" | tail -1
