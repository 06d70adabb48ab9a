package dev.gkeinference.bench.upstream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The upstream endpoint picker (Gateway API Inference Extension v1.5.0's {@code epp}, the one GKE's multi-cluster
 * Inference Gateway deploys) against the simulated pool: a loopback Kubernetes API holding the InferencePool and
 * one Ready pod per server (pod IP = the loopback address the server listens on), a kubeconfig pointing at it, and
 * the binary started with GKE's flags except plaintext ext_proc and unauthenticated metrics.
 */
public final class UpstreamEpp implements AutoCloseable {
    static final String NAMESPACE = "bench";
    static final String POOL = "sim-pool";

    private final KubernetesApiServer api;
    private final PickerProcess process;

    private UpstreamEpp(KubernetesApiServer api, PickerProcess process) {
        this.api = api;
        this.process = process;
    }

    /**
     * @param endpoints "ip:port" of every server, all on one port (an InferencePool has one target port list)
     * @param config    EndpointPickerConfig file, or null for the binary's built-in default
     */
    public static UpstreamEpp start(String name, Path binary, Path config, List<String> endpoints, double timeScale,
                                    Path logDir) throws IOException {
        if (!Files.isExecutable(binary)) {
            throw new IOException("upstream picker binary " + binary + " is missing or not executable");
        }
        KubernetesApiServer api = new KubernetesApiServer(List.of(PoolObjects.PODS, PoolObjects.POOLS,
                PoolObjects.OBJECTIVES, PoolObjects.MODEL_REWRITES));
        try {
            int port = Integer.parseInt(endpoints.get(0).substring(endpoints.get(0).lastIndexOf(':') + 1));
            api.apply(PoolObjects.POOLS, PoolObjects.pool(NAMESPACE, POOL, port));
            for (int i = 0; i < endpoints.size(); i++) {
                String ip = endpoints.get(i).substring(0, endpoints.get(i).lastIndexOf(':'));
                api.apply(PoolObjects.PODS, PoolObjects.pod(NAMESPACE, POOL, "sim-" + i, ip));
            }
            Files.createDirectories(logDir);
            Path kubeconfig = api.writeKubeconfig(logDir.resolve(name + ".kubeconfig"));
            PickerProcess.Ports ports = PickerProcess.Ports.free();
            PickerProcess process = PickerProcess.start(name, command(binary, config, ports, timeScale),
                    Map.of("KUBECONFIG", kubeconfig.toString()), logDir.resolve(name + ".log"), ports);
            try {
                process.awaitReady(endpoints.size(), Duration.ofSeconds(60));
            } catch (IOException e) {
                process.close();
                throw e;
            }
            return new UpstreamEpp(api, process);
        } catch (IOException | RuntimeException e) {
            api.close();
            throw e;
        }
    }

    private static List<String> command(Path binary, Path config, PickerProcess.Ports ports, double timeScale) {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(),
                "--pool-name=" + POOL, "--pool-namespace=" + NAMESPACE,
                "--grpc-port=" + ports.grpc(), "--grpc-health-port=" + ports.health(),
                "--metrics-port=" + ports.metrics(),
                "--secure-serving=false", "--metrics-endpoint-auth=false", "--tracing=false", "--enable-pprof=false",
                // Its scrape interval and staleness, in simulated time like every other latency of the run.
                "--refresh-metrics-interval=" + scaledMs(50, timeScale) + "ms",
                "--metrics-staleness-threshold=" + scaledMs(2000, timeScale) + "ms",
                "--refresh-prometheus-metrics-interval=" + scaledMs(500, timeScale) + "ms",
                "--zap-log-level=error"));
        if (config != null) {
            cmd.add("--config-file=" + config.toAbsolutePath());
        }
        return cmd;
    }

    static long scaledMs(double simulatedMs, double timeScale) {
        return Math.max(1, Math.round(simulatedMs * timeScale));
    }

    public PickerProcess process() {
        return process;
    }

    /** Requests to the Kubernetes API the picker made that we do not model (should stay 0). */
    public long refusedApiRequests() {
        return api.refusedRequests();
    }

    @Override
    public void close() {
        process.close();
        api.close();
    }
}
