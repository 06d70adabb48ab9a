package dev.gkeinference.bench;

import dev.gkeinference.bench.drill.FailoverDrill;
import dev.gkeinference.bench.load.Datasets;
import dev.gkeinference.bench.load.StageResult;
import dev.gkeinference.bench.load.Traffic;
import dev.gkeinference.bench.load.Workload;
import dev.gkeinference.bench.report.Reports;
import dev.gkeinference.bench.simulator.SimProfile;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Entry point of run-benchmark.sh: the picker comparison, the picker cost, the region failover drill, or all. */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
            options.pickerSpecs();
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
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
        RoutingFactories.Externals externals = new RoutingFactories.Externals(options.pluginJar(),
                options.upstreamBinary(), options.outDir().resolve("logs"));
        List<Workload> workloads = workloads(options);
        List<StageResult> results = List.of();
        Benchmark benchmark = new Benchmark(profile, options, externals, System.out);
        if (options.runBenchmark()) {
            for (Workload w : workloads) {
                System.out.println("workload " + w.name() + ": " + w.description());
            }
            results = benchmark.run(workloads);
        }
        List<PickerCost.Result> cost = List.of();
        if (options.runCost()) {
            cost = new PickerCost(profile, options, externals, System.out).run(benchmark.unavailable());
        }
        FailoverDrill.Result drill = null;
        if (options.runDrill()) {
            drill = new FailoverDrill(profile, options.seed(), System.out).run();
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        Reports.write(options.outDir(), settings(options), profile, workloads, results, benchmark.unavailable(),
                cost.stream().map(BenchmarkMain::costRow).toList(), drill, minutes, System.out);
    }

    private static Reports.CostRow costRow(PickerCost.Result r) {
        return new Reports.CostRow(r.picker(), r.qps(), r.requests(), r.errors(), r.cpuMicrosPerRequest(),
                r.routingP50Ms(), r.routingP99Ms());
    }

    private static Map<String, Object> settings(BenchmarkOptions o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("timeScale", o.timeScale());
        m.put("servers", o.servers());
        m.put("seed", o.seed());
        m.put("stageSeconds", o.stageSeconds());
        m.put("warmupSeconds", o.warmupSeconds());
        m.put("requestTimeoutSeconds", o.requestTimeoutSeconds());
        m.put("qps", o.qps());
        m.put("pickers", o.pickers());
        m.put("upstreamBinary", o.upstreamBinary().toString());
        m.put("upstreamPrefixConfig", o.upstreamPrefixConfig().toString());
        m.put("oursConfig", o.oursConfig() == null ? null : o.oursConfig().toString());
        m.put("costQps", o.costQps());
        m.put("costSeconds", o.costSeconds());
        m.put("costWarmupSeconds", o.costWarmupSeconds());
        return m;
    }

    /** The six workloads, in report order, restricted to those selected. */
    static List<Workload> workloads(BenchmarkOptions options) {
        long seed = options.seed();
        // The llm-d "B2B" shape (6000-token context, 1200-token question) with 48 instead of 150 customers and 4
        // instead of 8 servers: the contexts need ~2.6x one server's KV cache, ~65% of the pool's.
        Workload shared = Datasets.sharedPrefix("shared-prefix", 48, 5, 6000, 1200, 64, seed);
        Map<String, Workload> all = new LinkedHashMap<>();
        all.put("shared-prefix", shared);
        all.put("multi-turn", Datasets.multiTurnChat("multi-turn", 240, 5, 3000, 200, 96, seed + 2));
        all.put("hot-tenant", shared.withTraffic("hot-tenant", "the shared-prefix prompts, but one group (tenant) "
                + "takes 50% of the requests: more than one server has to serve its prefix",
                new Traffic.HotGroup(0, 0.5)));
        all.put("heterogeneous", shared.withSlowServer("heterogeneous", "the shared-prefix prompts on servers of "
                + "which one is half as fast (prefill and decode)", 2));
        all.put("long-context", Datasets.sharedPrefix("long-context", 8, 5, 30000, 2000, 64, seed + 3));
        all.put("bursts", shared.withTraffic("bursts", "the shared-prefix prompts; the arrival rate doubles for 3 s "
                + "of every 10 s (QPS is the base rate)", new Traffic.Bursts(2, 3, 10)));
        return options.workloads().stream().map(all::get).toList();
    }
}
