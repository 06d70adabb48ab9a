package dev.gkeinference.picker.cli;

import dev.gkeinference.picker.endpoint.Endpoint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The parsed command line. See {@link FlagParser#USAGE} for the meaning of each flag. */
public record Flags(int grpcPort, int grpcHealthPort, int metricsPort, String poolName, String poolNamespace,
                    List<Endpoint> staticEndpoints, Path configFile, Duration refreshMetricsInterval,
                    Duration metricsStalenessThreshold, boolean secureServing, Path certPath, String bindAddress,
                    Path kubeconfig, boolean verbose, boolean help) {

    public boolean kubernetesMode() {
        return staticEndpoints.isEmpty();
    }
}
