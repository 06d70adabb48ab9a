package dev.gkeinference.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line options of the benchmark; every default is the documented default run. */
public record BenchmarkOptions(
        String mode,
        Path outDir,
        Path profile,
        Path upstreamConfig,
        Path oursConfig,
        double timeScale,
        int servers,
        long seed,
        double stageSeconds,
        double warmupSeconds,
        List<Double> sharedPrefixQps,
        List<Double> chatQps,
        double requestTimeoutSeconds,
        boolean quick,
        List<String> pickers) {

    static final List<String> ALL_PICKERS =
            List.of("random", "round-robin", "least-outstanding", "upstream-default", "ours");
    private static final Set<String> KEYS = Set.of("mode", "out", "profile", "upstream-config", "time-scale",
            "servers", "seed", "stage-seconds", "warmup-seconds", "ours-config", "qps-shared-prefix", "qps-chat", "request-timeout",
            "quick",
            "pickers");

    static final String USAGE = """
            usage: run-benchmark.sh [--mode=benchmark|drill|all] [--out=DIR] [--quick]
                [--time-scale=0.5] [--servers=4] [--seed=42] [--stage-seconds=20] [--warmup-seconds=20]
                [--qps-shared-prefix=4,8,12,16] [--qps-chat=8,16] [--request-timeout=30]
                [--pickers=random,round-robin,least-outstanding,upstream-default,ours]
                [--profile=FILE.properties] [--ours-config=FILE.yaml (default: the plugin's built-in defaults)]
                --upstream-config=routing-plugin/config/upstream-default.yaml
              times (stage-seconds, warmup-seconds, request-timeout) are simulated seconds; time-scale is real s per simulated s
            """;

    static BenchmarkOptions parse(String... args) {
        Map<String, String> v = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String[] kv = arg.substring(2).split("=", 2);
            if (!KEYS.contains(kv[0])) {
                throw new IllegalArgumentException("unknown option --" + kv[0]);
            }
            v.put(kv[0], kv.length == 2 ? kv[1] : "true");
        }
        boolean quick = Boolean.parseBoolean(v.getOrDefault("quick", "false"));
        return new BenchmarkOptions(
                v.getOrDefault("mode", "all"),
                Path.of(v.getOrDefault("out", "routing-bench/results")),
                v.containsKey("profile") ? Path.of(v.get("profile")) : null,
                v.containsKey("upstream-config") ? Path.of(v.get("upstream-config")) : null,
                v.containsKey("ours-config") ? Path.of(v.get("ours-config")) : null,
                Double.parseDouble(v.getOrDefault("time-scale", "0.5")),
                Integer.parseInt(v.getOrDefault("servers", "4")),
                Long.parseLong(v.getOrDefault("seed", "42")),
                Double.parseDouble(v.getOrDefault("stage-seconds", quick ? "10" : "20")),
                Double.parseDouble(v.getOrDefault("warmup-seconds", quick ? "10" : "20")),
                doubles(v.getOrDefault("qps-shared-prefix", quick ? "6,12" : "4,8,12,16")),
                doubles(v.getOrDefault("qps-chat", quick ? "8" : "8,16")),
                Double.parseDouble(v.getOrDefault("request-timeout", "30")),
                quick,
                List.of(v.getOrDefault("pickers", String.join(",", ALL_PICKERS)).split(",")));
    }

    boolean runBenchmark() {
        return mode.equals("all") || mode.equals("benchmark");
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
                case "upstream-default" -> {
                    if (upstreamConfig == null) {
                        throw new IllegalArgumentException("upstream-default needs --upstream-config");
                    }
                    yield PickerSpec.plugin(name, upstreamConfig);
                }
                case "ours" -> PickerSpec.plugin(name, oursConfig);
                default -> throw new IllegalArgumentException("unknown picker '" + name + "'");
            });
        }
        return specs;
    }

    private static List<Double> doubles(String csv) {
        if (csv.isBlank() || csv.equals("none")) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(String::trim).map(Double::parseDouble).toList();
    }
}
