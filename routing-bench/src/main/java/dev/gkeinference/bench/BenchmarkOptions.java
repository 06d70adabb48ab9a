package dev.gkeinference.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line options of the benchmark; every default is the documented default run. */
public record BenchmarkOptions(
        String mode,
        Path outDir,
        Path profile,
        Path pluginJar,
        Path upstreamBinary,
        Path upstreamPrefixConfig,
        Path oursConfig,
        double timeScale,
        int servers,
        long seed,
        double stageSeconds,
        double warmupSeconds,
        Map<String, List<Double>> qps,
        double requestTimeoutSeconds,
        double costSeconds,
        double costWarmupSeconds,
        double costQps,
        List<String> workloads,
        List<String> pickers) {

    static final String VARIANT_PREFIX = "ours@";
    static final List<String> ALL_PICKERS = List.of("random", "round-robin", "least-outstanding",
            "upstream-default", "upstream-prefix", "ours");
    /** Simulated requests/s of each workload's stage (a comma list makes a ladder). */
    static final Map<String, String> DEFAULT_QPS = defaultQps();
    static final Path DEFAULT_UPSTREAM_BINARY = Path.of(System.getProperty("user.home"), ".cache", "gke-inference",
            "epp-v1.5.0", "bin", "epp");
    private static final Set<String> KEYS = Set.of("mode", "out", "profile", "plugin-jar", "upstream-epp",
            "upstream-prefix-config", "ours-config", "time-scale", "servers", "seed", "stage-seconds",
            "warmup-seconds", "request-timeout", "cost-seconds", "cost-warmup-seconds", "cost-qps", "workloads", "pickers");

    static final String USAGE = """
            usage: run-benchmark.sh [--mode=benchmark|cost|drill|all] [--out=DIR]
                [--workloads=shared-prefix,multi-turn,hot-tenant,heterogeneous,long-context,bursts]
                [--pickers=random,round-robin,least-outstanding,upstream-default,upstream-prefix,ours]
                [--qps-WORKLOAD=R[,R...]] [--stage-seconds=16] [--warmup-seconds=8] [--request-timeout=30]
                [--time-scale=0.5] [--servers=4] [--seed=42] [--cost-seconds=10] [--cost-warmup-seconds=10]
                [--cost-qps=100]
                [--plugin-jar=routing-plugin/target/routing-plugin.jar] [--ours-config=FILE.yaml]
                [--upstream-epp=~/.cache/gke-inference/epp-v1.5.0/bin/epp]
                [--upstream-prefix-config=routing-bench/upstream/epp-prefix-aware.yaml] [--profile=FILE]
              times (stage, warm-up, request timeout) and rates are simulated; time-scale is real s per simulated s;
              the cost stage (--cost-qps, --cost-seconds, --cost-warmup-seconds) runs in real time; a JVM picker
              needs minutes of warm-up on 2 cores before its JIT settles (--cost-warmup-seconds=240)
            """;

    private static Map<String, String> defaultQps() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("shared-prefix", "16");
        m.put("multi-turn", "24");
        m.put("hot-tenant", "16");
        m.put("heterogeneous", "12");
        m.put("long-context", "2");
        m.put("bursts", "8");
        return m;
    }

    static BenchmarkOptions parse(String... args) {
        Map<String, String> v = new HashMap<>();
        Map<String, List<Double>> qps = new LinkedHashMap<>();
        DEFAULT_QPS.forEach((w, rates) -> qps.put(w, doubles(rates)));
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String[] kv = arg.substring(2).split("=", 2);
            if (kv[0].startsWith("qps-") && DEFAULT_QPS.containsKey(kv[0].substring(4)) && kv.length == 2) {
                qps.put(kv[0].substring(4), doubles(kv[1]));
                continue;
            }
            if (!KEYS.contains(kv[0])) {
                throw new IllegalArgumentException("unknown option --" + kv[0] + " (workloads for --qps-*: "
                        + String.join(", ", DEFAULT_QPS.keySet()) + ")");
            }
            v.put(kv[0], kv.length == 2 ? kv[1] : "true");
        }
        List<String> workloads = List.of(v.getOrDefault("workloads", String.join(",", DEFAULT_QPS.keySet()))
                .split(","));
        for (String w : workloads) {
            if (!DEFAULT_QPS.containsKey(w)) {
                throw new IllegalArgumentException("unknown workload '" + w + "': allowed are "
                        + String.join(", ", DEFAULT_QPS.keySet()));
            }
        }
        return new BenchmarkOptions(
                v.getOrDefault("mode", "all"),
                Path.of(v.getOrDefault("out", "routing-bench/results")),
                v.containsKey("profile") ? Path.of(v.get("profile")) : null,
                Path.of(v.getOrDefault("plugin-jar", "routing-plugin/target/routing-plugin.jar")),
                v.containsKey("upstream-epp") ? Path.of(v.get("upstream-epp")) : DEFAULT_UPSTREAM_BINARY,
                Path.of(v.getOrDefault("upstream-prefix-config", "routing-bench/upstream/epp-prefix-aware.yaml")),
                v.containsKey("ours-config") ? Path.of(v.get("ours-config")) : null,
                positive(v, "time-scale", "0.5"),
                (int) positive(v, "servers", "4"),
                Long.parseLong(v.getOrDefault("seed", "42")),
                positive(v, "stage-seconds", "16"),
                Double.parseDouble(v.getOrDefault("warmup-seconds", "8")),
                qps,
                positive(v, "request-timeout", "30"),
                Double.parseDouble(v.getOrDefault("cost-seconds", "10")),
                positive(v, "cost-warmup-seconds", "10"),
                positive(v, "cost-qps", "100"),
                workloads,
                List.of(v.getOrDefault("pickers", String.join(",", ALL_PICKERS)).split(",")));
    }

    boolean runBenchmark() {
        return mode.equals("all") || mode.equals("benchmark");
    }

    boolean runCost() {
        return (mode.equals("all") || mode.equals("cost")) && costSeconds > 0;
    }

    boolean runDrill() {
        return mode.equals("all") || mode.equals("drill");
    }

    List<PickerSpec> pickerSpecs() {
        List<PickerSpec> specs = new ArrayList<>();
        for (String name : pickers) {
            specs.add(switch (name) {
                case "random" -> PickerSpec.baseline(name, PickerSpec.Kind.RANDOM);
                case "round-robin" -> PickerSpec.baseline(name, PickerSpec.Kind.ROUND_ROBIN);
                case "least-outstanding" -> PickerSpec.baseline(name, PickerSpec.Kind.LEAST_OUTSTANDING);
                case "upstream-default" -> PickerSpec.upstream(name, null);
                case "upstream-prefix" -> PickerSpec.upstream(name, upstreamPrefixConfig);
                case "ours" -> PickerSpec.plugin(name, oursConfig);
                default -> name.startsWith(VARIANT_PREFIX) ? variant(name) : unknownPicker(name);
            });
        }
        return specs;
    }

    /** "ours@FILE.yaml": our plugin with another scheduling config, named after the file (for ablations). */
    private static PickerSpec variant(String name) {
        Path file = Path.of(name.substring(VARIANT_PREFIX.length()));
        String label = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return PickerSpec.plugin(VARIANT_PREFIX + label, file);
    }

    private static PickerSpec unknownPicker(String name) {
        throw new IllegalArgumentException("unknown picker '" + name + "': allowed are "
                + String.join(", ", ALL_PICKERS) + ", or ours@FILE.yaml");
    }

    private static double positive(Map<String, String> v, String key, String fallback) {
        String raw = v.getOrDefault(key, fallback);
        double d;
        try {
            d = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + ": '" + raw + "' is not a number");
        }
        if (!(d > 0)) {
            throw new IllegalArgumentException("--" + key + " must be positive, got " + raw);
        }
        return d;
    }

    private static List<Double> doubles(String csv) {
        if (csv.isBlank() || csv.equals("none")) {
            return List.of();
        }
        try {
            return Arrays.stream(csv.split(",")).map(String::trim).map(Double::parseDouble).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + csv + "' is not a comma list of rates");
        }
    }
}
