package dev.gkeinference.bench;

import dev.gkeinference.bench.gateway.BaselineRouting;
import dev.gkeinference.bench.gateway.Endpoint;
import dev.gkeinference.bench.gateway.ExtProcRouting;
import dev.gkeinference.bench.gateway.RoutingSession;
import dev.gkeinference.bench.gateway.RoutingSessionFactory;
import dev.gkeinference.picker.Main;
import dev.gkeinference.picker.RunningPicker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds the routing for a {@link PickerSpec} against a set of endpoints. */
final class RoutingFactories {
    private static final Duration EXT_PROC_MESSAGE_TIMEOUT = Duration.ofSeconds(30);
    /** The reference picker's defaults, in simulated time. */
    private static final double REFRESH_MS = 50;
    private static final double STALENESS_MS = 2000;

    private RoutingFactories() {
    }

    static RoutingSessionFactory start(PickerSpec spec, List<String> endpoints, double timeScale, long seed) {
        List<Endpoint> parsed = endpoints.stream().map(Endpoint::parse).toList();
        return switch (spec.kind()) {
            case RANDOM -> new BaselineRouting(BaselineRouting.Policy.RANDOM, parsed, seed);
            case ROUND_ROBIN -> new BaselineRouting(BaselineRouting.Policy.ROUND_ROBIN, parsed, seed);
            case LEAST_OUTSTANDING -> new BaselineRouting(BaselineRouting.Policy.LEAST_OUTSTANDING, parsed, seed);
            case PLUGIN -> startPlugin(spec, endpoints, timeScale);
        };
    }

    /**
     * Starts the routing plugin in-process with its scrape interval and staleness threshold scaled like every
     * other latency, so it sees the simulated servers as often as it would see real ones.
     */
    private static RoutingSessionFactory startPlugin(PickerSpec spec, List<String> endpoints, double timeScale) {
        List<String> args = new ArrayList<>(List.of(
                "--grpc-port=0", "--grpc-health-port=0", "--metrics-port=0", "--secure-serving=false",
                "--static-endpoints=" + String.join(",", endpoints),
                "--refresh-metrics-interval=" + Math.max(1, Math.round(REFRESH_MS * timeScale)) + "ms",
                "--metrics-staleness-threshold=" + Math.max(1, Math.round(STALENESS_MS * timeScale)) + "ms"));
        if (spec.config() != null) {
            args.add("--config-file=" + spec.config());
        }
        RunningPicker picker = Main.start(args.toArray(String[]::new));
        awaitSynced(picker);
        ExtProcRouting extProc = new ExtProcRouting(spec.name(), picker.grpcPort(), EXT_PROC_MESSAGE_TIMEOUT);
        return new RoutingSessionFactory() {
            @Override
            public RoutingSession open() {
                return extProc.open();
            }

            @Override
            public String name() {
                return spec.name();
            }

            @Override
            public void close() {
                extProc.close();
                picker.close();
            }
        };
    }

    private static void awaitSynced(RunningPicker picker) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!picker.registry().synced()) {
            if (System.nanoTime() > deadline) {
                picker.close();
                throw new IllegalStateException("picker did not sync with the endpoints within 10 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }
}
