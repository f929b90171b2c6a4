#!/usr/bin/env bash
# Builds every cargo-fuzz target of fuzz/ and runs each for N seconds (default 30) from
# its committed seeds, on the stable toolchain (RUSTC_BOOTSTRAP=1, no sanitizer). A crash,
# a hang (an input over 10 s) or running out of memory (2 GB) fails the run; libFuzzer
# leaves the input in fuzz/artifacts/TARGET/. Installs cargo-fuzz when it is missing.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${1:-30}"

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked --version 0.13.2
fi
export RUSTC_BOOTSTRAP=1
cargo fuzz build -s none
log="$(mktemp)"
for target in $(cargo fuzz list); do
  mkdir -p "corpus/$target"
  echo "-- $target"
  status=0
  cargo fuzz run "$target" -s none "corpus/$target" "seeds/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    >"$log" 2>&1 || status=$?
  grep -E "^(Done|stat::number_of_executed_units)" "$log" || true
  if [ "$status" -ne 0 ]; then
    tail -n 60 "$log"
    exit "$status"
  fi
done
