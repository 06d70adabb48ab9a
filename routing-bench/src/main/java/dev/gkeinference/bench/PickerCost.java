package dev.gkeinference.bench;

import dev.gkeinference.bench.gateway.GatewayProxy;
import dev.gkeinference.bench.load.Arrivals;
import dev.gkeinference.bench.load.Datasets;
import dev.gkeinference.bench.load.Distribution;
import dev.gkeinference.bench.load.LoadGenerator;
import dev.gkeinference.bench.load.RequestOutcome;
import dev.gkeinference.bench.load.Workload;
import dev.gkeinference.bench.simulator.SimCluster;
import dev.gkeinference.bench.simulator.SimProfile;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What routing costs, per external picker: open-loop short chat requests at a fixed REAL rate through the same
 * gateway, the picker process's CPU time per request (scraping the pool included, as it would be in a cluster) and
 * the routing latency the gateway sees (request end to the picker's headers answer).
 */
final class PickerCost {
    record Result(String picker, double qps, int requests, int errors, double cpuMicrosPerRequest,
                  double routingP50Ms, double routingP99Ms) {
    }

    private final SimProfile profile;
    private final BenchmarkOptions options;
    private final RoutingFactories.Externals externals;
    private final PrintStream log;

    PickerCost(SimProfile profile, BenchmarkOptions options, RoutingFactories.Externals externals, PrintStream log) {
        this.profile = profile;
        this.options = options;
        this.externals = externals;
        this.log = log;
    }

    List<Result> run(Map<String, String> unavailable) {
        Workload chat = Datasets.mixedChat("cost", 400, 256, 4, options.seed() + 1);
        List<Result> results = new ArrayList<>();
        for (PickerSpec picker : options.pickerSpecs()) {
            if (!picker.external() || unavailable.containsKey(picker.name())) {
                continue;
            }
            try {
                results.add(measure(picker, chat));
                log.println(line(results.get(results.size() - 1)));
            } catch (IOException e) {
                log.println(picker.name() + " cost not measured: " + e.getMessage());
            }
        }
        return results;
    }

    private Result measure(PickerSpec picker, Workload chat) throws IOException {
        try (SimCluster cluster = SimCluster.start("cost", options.servers(), profile, options.seed());
             RoutingFactories.ExternalPicker routing = (RoutingFactories.ExternalPicker) RoutingFactories.start(
                     picker, cluster.endpoints(), options.timeScale(), options.seed(), externals);
             GatewayProxy gateway = new GatewayProxy(routing, Duration.ofSeconds(60));
             LoadGenerator load = new LoadGenerator(profile.modelName(), 1.0, Duration.ofSeconds(30))) {
            if (!load.probe(gateway.baseUrl(), Benchmark.PROBE_TIMEOUT)) {
                throw new IOException("no request got through " + picker.name());
            }
            double qps = options.costQps();
            load.run(gateway.baseUrl(), Arrivals.poisson(chat, qps, options.costWarmupSeconds(), options.seed() + 5));
            gateway.drainRoutingNanos();
            Duration cpuBefore = routing.cpuTime();
            List<RequestOutcome> outcomes = load.run(gateway.baseUrl(),
                    Arrivals.poisson(chat, qps, options.costSeconds(), options.seed() + 6));
            Duration cpu = routing.cpuTime().minus(cpuBefore);
            long[] routed = gateway.drainRoutingNanos();
            double[] ms = new double[routed.length];
            for (int i = 0; i < routed.length; i++) {
                ms[i] = routed[i] / 1e6;
            }
            Distribution d = Distribution.of(ms);
            int errors = (int) outcomes.stream().filter(o -> !o.ok()).count();
            return new Result(picker.name(), qps, outcomes.size(), errors,
                    cpu.toNanos() / 1e3 / Math.max(1, outcomes.size()), d.p50(), d.p99());
        }
    }

    static String line(Result r) {
        return String.format(Locale.ROOT, "cost %-18s %.0f req/s real: %d requests, %d errors, picker CPU %.0f us/request,"
                + " routing p50 %.2f ms p99 %.2f ms", r.picker(), r.qps(), r.requests(), r.errors(),
                r.cpuMicrosPerRequest(), r.routingP50Ms(), r.routingP99Ms());
    }
}
