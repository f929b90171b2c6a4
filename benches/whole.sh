#!/usr/bin/env bash
# Whole-process benchmark (issue 15): newsdiff against baselines measured in the same run.
#
#   bash benches/whole.sh [CORPUS] [--archives]
#
# 1. The 400 NewsEdits pairs (needs ../shared), in one process each tool:
#    - newsdiff check with every change policy on (every pair aligned, word-diffed and
#      classed), one thread and all cores;
#    - newsdiff export to JSON Lines (the same work, written out);
#    - benches/difflib_baseline.py: difflib over sentences, then over words;
#    - git diff --no-index --word-diff over the two folders of sentences;
#    - wc -w over the same files.
#    Each is the best of 5 runs; ratios are to the difflib script. BASELINE=PATH adds
#    another newsdiff binary (an earlier build) to the same run.
# 2. With --archives: archives of 25,000 and 100,000 versions from examples/archive_gen.rs;
#    versions per second and peak memory (GNU time's maximum resident set) for check and
#    export.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpus/newsedits-sample.json
archives=no
for a in "$@"; do
  case "$a" in
    --archives) archives=yes ;;
    *) corpus=$a ;;
  esac
done
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cargo build --release --quiet --bin newsdiff
nd=./target/release/newsdiff
policies=headline-change,number-change,quotation-change,deleted-sentences,correction-removed
mkdir -p "$dir/json" "$dir/old" "$dir/new"
cargo run --release --quiet --example align_eval -- export "$dir/json" "$corpus" >/dev/null
python3 - "$corpus" "$dir" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for i, k in enumerate(sorted(d)):
    nodes = d[k]["nodes"]
    vs = sorted({n["version"] for n in nodes})
    for side, v in (("old", vs[0]), ("new", vs[1])):
        s = [n["sentence"] or "" for n in sorted(nodes, key=lambda n: n["sent_idx"]) if n["version"] == v]
        open(f"{sys.argv[2]}/{side}/p{i:03}.txt", "w").write("\n".join(s) + "\n")
PY

best() { # best wall time of 5 runs of "$@", in seconds
  local b=999999
  for _ in 1 2 3 4 5; do
    local s e
    s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N)
    b=$(awk -v b="$b" -v t="$(awk -v s="$s" -v e="$e" 'BEGIN{print e-s}')" 'BEGIN{print (t<b)?t:b}')
  done
  echo "$b"
}
t_check1=$(best $nd check "$dir/json" --enable $policies --no-progress -j 1)
t_check=$(best $nd check "$dir/json" --enable $policies --no-progress)
t_export=$(best $nd export "$dir/json" -o "$dir/out.jsonl" --no-progress)
t_difflib=$(best python3 benches/difflib_baseline.py "$dir/old" "$dir/new")
if [ -n "${BASELINE:-}" ]; then
  t_base1=$(best "$BASELINE" check "$dir/json" --enable $policies --no-progress -j 1)
  t_base=$(best "$BASELINE" check "$dir/json" --enable $policies --no-progress)
fi
t_git=$(best git diff --no-index --word-diff "$dir/old" "$dir/new")
t_wc=$(best sh -c "cat $dir/old/* $dir/new/* | wc -w")
echo "400 corpus pairs, one process, best of 5 (ratio to the difflib script):"
for row in "newsdiff check, 1 thread:$t_check1" "newsdiff check, all cores:$t_check" \
           "newsdiff export (JSON Lines):$t_export" "difflib script:$t_difflib" \
           "git diff --no-index --word-diff:$t_git" "wc -w:$t_wc" \
           ${BASELINE:+"baseline check, 1 thread:$t_base1" "baseline check, all cores:$t_base"}; do
  name=${row%:*}; t=${row##*:}
  awk -v n="$name" -v t="$t" -v d="$t_difflib" 'BEGIN { printf "  %-34s %7.3f s  %5.2f×\n", n, t, t / d }'
done

[ "$archives" = yes ] || exit 0
for n in 25000 100000; do
  cargo run --release --quiet --example archive_gen -- --versions $n --out "$dir/a$n.jsonl" >/dev/null
  for cmd in check export; do
    case $cmd in
      check) args=(check "$dir/a$n.jsonl" --enable $policies --no-progress --format json -o "$dir/report.json") ;;
      export) args=(export "$dir/a$n.jsonl" -o "$dir/a$n.db" --no-progress) ;;
    esac
    /usr/bin/time -f "%e %M" -o "$dir/time" $nd "${args[@]}" >/dev/null 2>&1 || true
    # GNU time puts "Command exited with non-zero status N" first when it is not 0.
    read -r secs kb < <(tail -n 1 "$dir/time")
    awk -v c="$cmd" -v n="$n" -v s="$secs" -v kb="$kb" 'BEGIN {
      printf "  %-6s %6d versions: %6.1f s, %6.0f versions/s, peak %5.1f MB\n", c, n, s, n / s, kb / 1024 }'
  done
done
