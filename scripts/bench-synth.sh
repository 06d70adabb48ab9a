#!/usr/bin/env bash
# Synthesis benchmark: wall time and peak memory (JVM + jsii node child, summed) of synthesizing the reference
# deployment and a 16-region deployment, warm (classes built, jsii cache primed). Prints medians of N runs and the
# 16-region/reference ratio. Run through ./dev bench, which builds first.
#   scripts/bench-synth.sh [RUNS]   (default 5)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
RUNS="${1:-5}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20 JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1 CHECKPOINT_DISABLE=1

# 16 regions, each with its own non-overlapping address plan: region i gets 10.0.(16i).0/20 for nodes,
# 10.(64+4i).0.0/14 for pods, 10.1.(16i).0/20 for services and 10.2.(2i).0/23 for the proxy-only subnet.
write_sixteen_regions() {
  local regions=(europe-west4 us-east5 us-east1 us-central1 us-south1 asia-northeast1 southamerica-west1
                 europe-west1 europe-west2 europe-west3 us-west1 us-west4 asia-southeast1 asia-east1
                 australia-southeast1 northamerica-northeast1)
  {
    printf 'project: bench-project\nname: inference\nregions:\n'
    local i=0
    for r in "${regions[@]}"; do
      printf '  - region: %s\n    zone: %s-a\n' "$r" "$r"
      [ "$i" = 0 ] && printf '    configCluster: true\n'
      printf '    tpu: {machineType: ct6e-standard-4t, topology: 2x2, nodeCount: 1}\n'
      printf '    cidrs: {nodes: 10.0.%d.0/20, pods: 10.%d.0.0/14, services: 10.1.%d.0/20, proxyOnly: 10.2.%d.0/23}\n' \
        $((16 * i)) $((64 + 4 * i)) $((16 * i)) $((2 * i))
      i=$((i + 1))
    done
    printf 'model: {name: google/gemma-3-27b-it, weightsPath: gemma-3-27b-it}\n'
  } > "$1"
}

# Runs a command, sampling the summed RSS of its process tree every 20 ms; prints "<seconds> <peak MiB>".
measure() {
  local start end peak=0 pid rss
  start=$(date +%s.%N)
  "$@" >/dev/null 2>"$WORK/stderr" &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    rss=$(tree_rss "$pid")
    [ "$rss" -gt "$peak" ] && peak=$rss
    sleep 0.02
  done
  wait "$pid" || { cat "$WORK/stderr" >&2; return 1; }
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" -v p="$peak" 'BEGIN {printf "%.3f %d\n", e - s, p / 1024}'
}

tree_rss() {
  local total=0 p kb
  for p in "$1" $(descendants "$1"); do
    kb=$(awk '/VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null || true)
    total=$((total + ${kb:-0}))
  done
  echo "$total"
}

descendants() {
  local kid
  for kid in $(cat /proc/"$1"/task/*/children 2>/dev/null); do
    echo "$kid"
    descendants "$kid"
  done
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

synth() { java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "main/target/classes:$(cat main/target/classpath.txt)" \
  dev.gkeinference.app.Main synth --project bench-project "$@"; }

write_sixteen_regions "$WORK/sixteen.yaml"
synth --out "$WORK/warmup" >/dev/null 2>&1   # primes the jsii cache and the page cache

declare -A time_of mem_of
for case in reference sixteen-regions; do
  args=(--out "$WORK/out-$case")
  [ "$case" = sixteen-regions ] && args+=(--config "$WORK/sixteen.yaml")
  : > "$WORK/$case.txt"
  for _ in $(seq "$RUNS"); do measure synth "${args[@]}" >> "$WORK/$case.txt"; done
  time_of[$case]=$(awk '{print $1}' "$WORK/$case.txt" | median)
  mem_of[$case]=$(awk '{print $2}' "$WORK/$case.txt" | median)
done

printf '\nsynthesis benchmark: median of %s warm runs (%s cores)\n' "$RUNS" "$(nproc)"
printf '| deployment | stacks | wall time (s) | peak memory (MiB) |\n|---|---|---|---|\n'
for case in reference sixteen-regions; do
  printf '| %s | %s | %.2f | %s |\n' "$case" "$(ls "$WORK/out-$case/stacks" | wc -l)" "${time_of[$case]}" "${mem_of[$case]}"
done
printf '16-region / reference wall time: %.2fx (target <= 2x); reference target <= 5 s and <= 1536 MiB\n' \
  "$(awk -v a="${time_of[sixteen-regions]}" -v b="${time_of[reference]}" 'BEGIN {print a / b}')"
