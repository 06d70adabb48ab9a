package dev.gkeinference.picker.cli;

import dev.gkeinference.picker.endpoint.Endpoint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The parsed command line. See {@link FlagParser#USAGE} for the meaning and default of each flag.
 *
 * @param ignored upstream picker flags given on the command line that this picker accepts but does not implement
 */
public record Flags(Ports ports, String bindAddress, Endpoints endpoints, Path kubeconfig, Path configFile,
                    String configText, Scraping scraping, Serving serving, boolean metricsEndpointAuth,
                    boolean leaderElection, List<String> ignored, boolean verbose, boolean help) {

    /** ext_proc, gRPC health and Prometheus ports; 0 = any free port. */
    public record Ports(int grpc, int grpcHealth, int metrics) {
    }

    /**
     * Where the model-server endpoints come from: an InferencePool ({@code poolName}), a pod label selector with
     * target ports, or a fixed list ({@code statics}). Exactly one is set.
     */
    public record Endpoints(String poolName, String namespace, String selector, List<Integer> targetPorts,
                            List<Endpoint> statics) {
        public boolean kubernetes() {
            return statics.isEmpty();
        }
    }

    /** How the model servers' metrics are scraped; {@code port} 0 means each endpoint's own port. */
    public record Scraping(Duration refreshInterval, Duration stalenessThreshold, int port, String path,
                           String scheme, boolean insecureSkipVerify) {
    }

    /**
     * The ext_proc server.
     *
     * @param maxReceiveBytes largest gRPC message accepted, or -1 for the built-in limit (the body limit + 1 MiB)
     * @param subsetHints     honour the proxy's endpoint subset hint
     * @param drainTimeout    after SIGTERM, how long streams keep being served while health says NOT_SERVING
     */
    public record Serving(boolean secure, Path certPath, long maxReceiveBytes, boolean subsetHints,
                          Duration drainTimeout) {
    }
}
