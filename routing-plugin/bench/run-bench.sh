#!/usr/bin/env bash
# Routing plugin benchmark: pick latency (8/64/256 endpoints) and ext_proc round trip / throughput on loopback
# (4 KB bodies at 1,000 req/s, 220 KB bodies at 100 req/s, and 4 KB at 200 req/s alone and while 220 KB requests
# stream on the same connection) against the jar running as its own process.
# Prints a Markdown table of medians over RUNS runs. On a shared machine, run it several times and compare.
# Usage: routing-plugin/bench/run-bench.sh [RUNS=3] [SECONDS_PER_PHASE=5]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-3}"
seconds="${2:-5}"
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "RUNS must be a positive whole number, got '$runs'" >&2; exit 2; }
[[ "$seconds" =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "SECONDS_PER_PHASE must be a number, got '$seconds'" >&2; exit 2; }
# Builds the plugin jar and compiles the benchmark (it lives with the tests: it reuses their fake model server).
./dev mvn -q -pl routing-plugin -am install -DskipTests
# Run from a private copy, so a concurrent build of the module cannot swap the jar out mid-run.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp routing-plugin/target/routing-plugin.jar "$work/"
cp -r routing-plugin/target/test-classes "$work/"
java -Xms512m -Xmx512m -Drouting.plugin.jar="$work/routing-plugin.jar" -cp "$work/routing-plugin.jar:$work/test-classes" \
  dev.gkeinference.picker.bench.PickerBenchmark "$runs" "$seconds"
