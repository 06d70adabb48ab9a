package dev.gkeinference.bench;

import dev.gkeinference.bench.drill.FailoverDrill;
import dev.gkeinference.bench.load.Datasets;
import dev.gkeinference.bench.load.StageResult;
import dev.gkeinference.bench.load.Workload;
import dev.gkeinference.bench.report.Reports;
import dev.gkeinference.bench.simulator.SimProfile;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;

/** Entry point of run-benchmark.sh: the picker comparison, the region failover drill, or both. */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
            if (options.runBenchmark()) {
                options.pickerSpecs();
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchmarkOptions.USAGE);
            System.exit(2);
            return;
        }
        long started = System.nanoTime();
        SimProfile base = options.profile() == null ? SimProfile.defaultProfile() : SimProfile.load(options.profile());
        SimProfile profile = base.withTimeScale(options.timeScale());
        Files.createDirectories(options.outDir());
        System.out.printf(Locale.ROOT, "profile %s: %d servers, time scale %.2f (real s per simulated s)%n",
                profile.modelName(), options.servers(), options.timeScale());
        List<StageResult> results = List.of();
        List<Workload> workloads = workloads(options);
        if (options.runBenchmark()) {
            for (Workload w : workloads) {
                System.out.println("workload " + w.name() + ": " + w.description());
            }
            results = new Benchmark(profile, options, System.out).run(workloads,
                    List.of(options.sharedPrefixQps(), options.chatQps()));
        }
        FailoverDrill.Result drill = null;
        if (options.runDrill()) {
            drill = new FailoverDrill(profile, options.seed(), System.out).run();
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        Reports.write(options.outDir(), settings(options), profile, workloads, results, drill, minutes, System.out);
    }

    private static java.util.Map<String, Object> settings(BenchmarkOptions o) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("timeScale", o.timeScale());
        m.put("servers", o.servers());
        m.put("seed", o.seed());
        m.put("stageSeconds", o.stageSeconds());
        m.put("warmupSeconds", o.warmupSeconds());
        m.put("requestTimeoutSeconds", o.requestTimeoutSeconds());
        m.put("sharedPrefixQps", o.sharedPrefixQps());
        m.put("chatQps", o.chatQps());
        m.put("pickers", o.pickers());
        m.put("upstreamConfig", o.upstreamConfig() == null ? null : o.upstreamConfig().toString());
        m.put("quick", o.quick());
        return m;
    }

    static List<Workload> workloads(BenchmarkOptions options) {
        Workload sharedPrefix = options.quick()
                ? Datasets.sharedPrefix("shared-prefix-small", 16, 4, 2000, 400, 32, options.seed())
                // The llm-d "B2B" shape (6000-token context, 1200-token question) with 48 instead of 150 customers
                // and 4 instead of 8 servers: the contexts need ~2.6x one server's KV cache, ~65% of the pool's.
                : Datasets.sharedPrefix("shared-prefix", 48, 5, 6000, 1200, 64, options.seed());
        Workload chat = Datasets.mixedChat("chat", 400, 256, 64, options.seed() + 1);
        return List.of(sharedPrefix, chat);
    }
}
