#!/usr/bin/env bash
# Runs the routing benchmark in one go: builds the routing plugin and this module, builds (once, cached) the
# upstream endpoint picker (GIE v1.5.0 epp), then compares random, round robin, least-outstanding, the upstream
# picker (default and prefix-aware configuration) and our picker on six workloads of simulated vLLM servers,
# measures each external picker's cost, and runs the region failover drill. Results (Markdown, JSON, PNG, picker
# logs) go to routing-bench/results/ unless --out=DIR is given (the committed run: --out=routing-bench/docs).
# Any option of the benchmark can be passed through, e.g. --workloads=shared-prefix --pickers=ours,upstream-prefix.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

echo "building routing-plugin and routing-bench ..."
# ./dev mvn: batch mode, no colours or stray ANSI resets; MAVEN_REPO_LOCAL selects another Maven local repository.
./dev mvn -q -pl routing-bench -am package -DskipTests

# Without the upstream picker the benchmark still runs and its report says why that column is missing.
routing-bench/upstream/build-epp.sh || echo "upstream picker could not be built (see above)"

# Run from a private copy of the jars so that a rebuild of the plugin during the run cannot pull classes away.
run_dir="routing-bench/target/run"
rm -rf "$run_dir" && mkdir -p "$run_dir"
cp routing-bench/target/routing-bench-*.jar "$run_dir/routing-bench.jar"
cp routing-plugin/target/routing-plugin.jar "$run_dir/routing-plugin-process.jar"
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
  --plugin-jar="$run_dir/routing-plugin-process.jar" --out=routing-bench/results "$@"
echo "benchmark wall time: $(( $(date +%s) - start )) s"
