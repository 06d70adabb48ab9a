package dev.gkeinference.bench;

import dev.gkeinference.bench.gateway.GatewayProxy;
import dev.gkeinference.bench.gateway.RoutingSessionFactory;
import dev.gkeinference.bench.load.Arrivals;
import dev.gkeinference.bench.load.LoadGenerator;
import dev.gkeinference.bench.load.RequestOutcome;
import dev.gkeinference.bench.load.StageResult;
import dev.gkeinference.bench.load.Workload;
import dev.gkeinference.bench.simulator.SimCluster;
import dev.gkeinference.bench.simulator.SimProfile;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison: for every workload and picker, a fresh pool of simulated servers (cold caches) behind the gateway
 * stand-in, a warm-up, then the workload's rates in ascending order with the same seeded arrivals for every picker.
 * A picker that cannot be started is reported as unavailable, with the reason, and gets no rows.
 */
final class Benchmark {
    /** How long a freshly started picker may take to route its first request. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);

    private final SimProfile profile;
    private final BenchmarkOptions options;
    private final RoutingFactories.Externals externals;
    private final PrintStream log;
    private final Map<String, String> unavailable = new LinkedHashMap<>();

    Benchmark(SimProfile profile, BenchmarkOptions options, RoutingFactories.Externals externals, PrintStream log) {
        this.profile = profile;
        this.options = options;
        this.externals = externals;
        this.log = log;
    }

    /** Pickers that could not be started, with why (first failure each). */
    Map<String, String> unavailable() {
        return Collections.unmodifiableMap(unavailable);
    }

    List<StageResult> run(List<Workload> workloads) {
        List<StageResult> results = new ArrayList<>();
        for (Workload workload : workloads) {
            List<Double> ladder = options.qps().get(workload.name());
            for (PickerSpec picker : options.pickerSpecs()) {
                if (!unavailable.containsKey(picker.name())) {
                    results.addAll(runLadder(picker, workload, ladder));
                }
            }
        }
        return results;
    }

    /** The servers a workload meets: identical ones, or the first one slower. */
    static List<SimProfile> profiles(SimProfile base, int servers, Workload workload) {
        List<SimProfile> profiles = new ArrayList<>(Collections.nCopies(servers, base));
        if (workload.slowServerFactor() > 1) {
            profiles.set(0, base.slowedBy(workload.slowServerFactor()));
        }
        return profiles;
    }

    private List<StageResult> runLadder(PickerSpec picker, Workload workload, List<Double> ladder) {
        List<StageResult> results = new ArrayList<>();
        try (SimCluster cluster = SimCluster.start("sim", profiles(profile, options.servers(), workload),
                options.seed());
             RoutingSessionFactory routing = RoutingFactories.start(picker, cluster.endpoints(), options.timeScale(),
                     options.seed(), externals);
             GatewayProxy gateway = new GatewayProxy(routing, Duration.ofSeconds(300));
             LoadGenerator load = new LoadGenerator(profile.modelName(), options.timeScale(),
                     Duration.ofMillis((long) (options.requestTimeoutSeconds() * options.timeScale() * 1000)))) {
            if (!load.probe(gateway.baseUrl(), PROBE_TIMEOUT)) {
                throw new IOException("no request got through " + picker.name() + " within "
                        + PROBE_TIMEOUT.toSeconds() + " s");
            }
            for (int i = 0; i < ladder.size(); i++) {
                double qps = ladder.get(i);
                // Same seed per (workload, stage index): every picker gets the identical schedule. The first stage
                // continues the warm-up's timeline (conversations begun in the warm-up go on).
                Arrivals.Split split = Arrivals.withWarmUp(workload, qps, i == 0 ? options.warmupSeconds() : 0,
                        options.stageSeconds(), options.seed() * 1000 + i);
                if (i == 0) {
                    warmUp(picker, workload, qps, split.warmUp(), gateway, load);
                }
                List<Arrivals.Arrival> schedule = split.stage();
                long[] before = cluster.prefixCacheCounters();
                List<RequestOutcome> outcomes = load.run(gateway.baseUrl(), schedule);
                long[] after = cluster.prefixCacheCounters();
                double queried = after[0] - before[0];
                double hitRate = queried == 0 ? 0 : (after[1] - before[1]) / queried;
                StageResult r = StageResult.summarize(picker.name(), workload.name(), qps, outcomes,
                        options.timeScale(), hitRate).withRoutingNanos(gateway.drainRoutingNanos());
                results.add(r);
                log.println(progressLine(r));
            }
        } catch (IOException e) {
            if (!picker.external()) {
                throw new java.io.UncheckedIOException(e);
            }
            unavailable.put(picker.name(), e.getMessage());
            log.println(picker.name() + " unavailable: " + e.getMessage());
        }
        return results;
    }

    /**
     * Like inference-perf's warm-up stage: traffic at the first rate, not reported, so that the stages measure
     * steady state rather than each picker's cold start.
     */
    private void warmUp(PickerSpec picker, Workload workload, double qps, List<Arrivals.Arrival> schedule,
                        GatewayProxy gateway, LoadGenerator load) {
        if (schedule.isEmpty()) {
            return;
        }
        List<RequestOutcome> outcomes = load.run(gateway.baseUrl(), schedule);
        long failed = outcomes.stream().filter(o -> !o.ok()).count();
        log.printf(Locale.ROOT, "%-14s %-18s warm-up: %d requests at %.1f QPS, %d failed%n", workload.name(),
                picker.name(), outcomes.size(), qps, failed);
        gateway.drainRoutingNanos();
    }

    static String progressLine(StageResult r) {
        return String.format(Locale.ROOT,
                "%-14s %-18s qps=%5.1f sent=%4d err=%3d ttft p50/p90/p99=%7.0f/%7.0f/%7.0f ms tpot p90=%5.1f ms "
                        + "out=%7.0f tok/s hit=%4.0f%%%s%s",
                r.workload(), r.picker(), r.qps(), r.sent(), r.errors(), r.ttftMs().p50(), r.ttftMs().p90(),
                r.ttftMs().p99(), r.tpotMs().p90(), r.outputTokensPerSecond(), r.prefixCacheHitRate() * 100,
                r.routingMs().count() == 0 ? "" : String.format(Locale.ROOT, " routing p99=%.1f ms (real)",
                        r.routingMs().p99()), r.sampleErrors().isEmpty() ? "" : "  first error: " + r.sampleErrors().get(0));
    }
}
