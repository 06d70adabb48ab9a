#!/usr/bin/env bash
# Runs the routing benchmark in one go: builds the routing plugin and this module, then compares random, round
# robin, least-outstanding, the upstream default scoring and our picker on simulated vLLM servers, and runs the
# region failover drill. Results (Markdown, JSON, PNG) go to routing-bench/results/ unless --out=DIR is given.
# Any option of the benchmark can be passed through, e.g. --quick, --mode=drill, --time-scale=0.5.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

echo "building routing-plugin and routing-bench ..."
mvn -B -ntp -q -pl routing-bench -am package -DskipTests

# Run from a private copy of the jars so that a rebuild of the plugin during the run cannot pull classes away.
run_dir="routing-bench/target/run"
rm -rf "$run_dir" && mkdir -p "$run_dir"
cp routing-bench/target/routing-bench-*.jar "$run_dir/routing-bench.jar"
cp="$run_dir/routing-bench.jar"
IFS=":" read -r -a entries < routing-bench/target/benchmark.classpath || true  # no trailing newline
for entry in "${entries[@]}"; do
  if [[ "$entry" == "$repo"/* ]]; then
    cp "$entry" "$run_dir/"
    entry="$run_dir/$(basename "$entry")"
  fi
  cp="$cp:$entry"
done
start=$(date +%s)
java -Xmx2g -XX:+UseParallelGC -Djava.awt.headless=true -cp "$cp" dev.gkeinference.bench.BenchmarkMain \
  --upstream-config=routing-plugin/config/upstream-default.yaml --out=routing-bench/results "$@"
echo "benchmark wall time: $(( $(date +%s) - start )) s"
