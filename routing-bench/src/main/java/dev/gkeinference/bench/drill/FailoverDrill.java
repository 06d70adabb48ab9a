package dev.gkeinference.bench.drill;

import dev.gkeinference.bench.gateway.Endpoint;
import dev.gkeinference.bench.gateway.GatewayProxy;
import dev.gkeinference.bench.load.Arrivals;
import dev.gkeinference.bench.load.Datasets;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Region failover drill: two regions of simulated servers behind a {@link LocalityBalancer}; steady Poisson load
 * from clients near the first region; the first region's servers are all stopped part-way through. Reports what
 * failed and how long until the second region served every request.
 */
public final class FailoverDrill {
    static final int SERVERS_PER_REGION = 2;
    static final double QPS = 6;
    static final double DURATION_SECONDS = 60;
    static final double KILL_AT_SECONDS = 20;
    static final double MAX_UTILIZATION = 0.8;
    /** HealthCheckPolicy of the reference stacks: checkIntervalSec 2, unhealthy after 2 failures. */
    static final double CHECK_INTERVAL_SECONDS = 2;
    static final int UNHEALTHY_THRESHOLD = 2;

    /** Results in simulated seconds from the start of the run. */
    public record Result(double qps, double durationSeconds, double killAtSeconds, int servedBeforeKill,
                         int spilledBeforeKill, int failedTotal, int failedInFlightAtKill,
                         int failedSentBeforeSwitch, int failedAfterSwitch,
                         double secondsUntilAllServedBySurvivor, double secondsUntilHealthCheckMarkedDown,
                         int sent, List<String> sampleErrors) {
    }

    private final SimProfile profile;
    private final long seed;
    private final PrintStream log;

    public FailoverDrill(SimProfile profile, long seed, PrintStream log) {
        this.profile = profile;
        this.seed = seed;
        this.log = log;
    }

    public Result run() throws IOException, InterruptedException {
        double scale = profile.timeScale();
        Workload workload = Datasets.mixedChat("chat", 400, 256, 64, seed + 7);
        List<Arrivals.Arrival> schedule = Arrivals.poisson(workload, QPS, DURATION_SECONDS, seed + 7);
        try (SimCluster near = SimCluster.start("us-central1", SERVERS_PER_REGION, profile, seed);
             SimCluster far = SimCluster.start("europe-west4", SERVERS_PER_REGION, profile, seed + 100)) {
            Region nearRegion = region("us-central1", near);
            Region farRegion = region("europe-west4", far);
            try (LocalityBalancer balancer = new LocalityBalancer(List.of(nearRegion, farRegion), MAX_UTILIZATION,
                    Duration.ofNanos((long) (CHECK_INTERVAL_SECONDS * scale * 1e9)), UNHEALTHY_THRESHOLD, seed);
                 GatewayProxy gateway = new GatewayProxy(balancer, Duration.ofSeconds(300), true);
                 LoadGenerator load = new LoadGenerator(profile.modelName(), scale,
                         Duration.ofMillis((long) (30 * scale * 1000)))) {
                log.printf(Locale.ROOT, "drill: %d servers per region, %.0f QPS for %.0f s, stopping us-central1 "
                        + "at %.0f s%n", SERVERS_PER_REGION, QPS, DURATION_SECONDS, KILL_AT_SECONDS);
                long start = System.nanoTime();
                CompletableFuture<Double> markedDown = CompletableFuture.supplyAsync(
                        () -> killAndWatch(near, balancer, nearRegion, start, scale));
                List<RequestOutcome> outcomes = load.run(gateway.baseUrl(), schedule);
                double detection = markedDown.join();
                Result r = analyse(outcomes, far, scale, detection, schedule.size());
                log.println("drill: " + r);
                return r;
            }
        }
    }

    private static Region region(String name, SimCluster cluster) {
        return new Region(name, cluster.endpoints().stream().map(Endpoint::parse).toList());
    }

    /** Stops the near region at the kill time; returns when (s after the kill) health checks marked it down. */
    private static double killAndWatch(SimCluster near, LocalityBalancer balancer, Region nearRegion, long start,
                                       double scale) {
        long killAt = start + (long) (KILL_AT_SECONDS * scale * 1e9);
        sleepUntil(killAt);
        near.close();
        long deadline = killAt + (long) (20 * CHECK_INTERVAL_SECONDS * scale * 1e9);
        while (balancer.healthy(nearRegion) && System.nanoTime() < deadline) {
            sleepUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5));
        }
        return (System.nanoTime() - killAt) / 1e9 / scale;
    }

    private static Result analyse(List<RequestOutcome> outcomes, SimCluster far, double scale, double detection,
                                  int sent) {
        Set<String> survivors = far.endpoints().stream().collect(Collectors.toSet());
        double killAt = KILL_AT_SECONDS;
        int servedBefore = 0;
        int spilledBefore = 0;
        int failedInFlight = 0;
        int failedTotal = 0;
        double lastBadSend = killAt;
        List<String> errors = new ArrayList<>();
        for (RequestOutcome o : outcomes) {
            double sentAt = o.sentAtNanos() / 1e9 / scale;
            boolean bySurvivor = o.ok() && survivors.contains(o.servedBy());
            if (!o.ok()) {
                failedTotal++;
                if (errors.size() < 5) {
                    errors.add(o.error());
                }
                // Nothing else fails in the drill, so a request sent before the stop that failed was cut off in
                // flight (its end time is not compared with the stop: the two clocks start a few ms apart).
                if (sentAt < killAt) {
                    failedInFlight++;
                }
            }
            if (sentAt < killAt && o.ok()) {
                servedBefore++;
                if (bySurvivor) {
                    spilledBefore++;
                }
            }
            if (sentAt >= killAt && !bySurvivor) {
                lastBadSend = Math.max(lastBadSend, sentAt);
            }
        }
        int failedAfterSwitch = 0;
        int failedBeforeSwitch = 0;
        for (RequestOutcome o : outcomes) {
            double sentAt = o.sentAtNanos() / 1e9 / scale;
            if (o.ok() || sentAt < killAt) {
                continue;
            }
            // After the health checks marked the near region down, nothing is routed to it any more.
            if (sentAt > killAt + detection) {
                failedAfterSwitch++;
            } else {
                failedBeforeSwitch++;
            }
        }
        return new Result(QPS, DURATION_SECONDS, killAt, servedBefore, spilledBefore, failedTotal, failedInFlight,
                failedBeforeSwitch, failedAfterSwitch, lastBadSend - killAt, detection, sent, errors);
    }

    private static void sleepUntil(long deadlineNanos) {
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(remaining);
        }
    }
}
