package dev.gkeinference.constructs.gateway;

import dev.gkeinference.constructs.inference.MetricExport;
import io.gke.networking.v1.gcpbackendpolicyspec.Default;
import java.util.List;

/**
 * How the load balancer spreads requests over the clusters of an imported pool. CUSTOM_METRICS and IN_FLIGHT are
 * mutually exclusive in one GCPBackendPolicy; being one value, a policy cannot hold both.
 */
public sealed interface BalancingMode {

    /** Sets this mode's fields in the policy's {@code default}. */
    void applyTo(Default defaults);

    /** The {@code balancingMode} value. */
    String name();

    /**
     * Balance on exported model-server metrics: a cluster takes more traffic while the metric is below the target.
     *
     * @param metricExportName      an AutoscalingMetric export name, e.g. {@code kv-cache}
     * @param maxUtilizationPercent the target utilisation, 1-100; 60 is the recommended start
     */
    static BalancingMode customMetric(String metricExportName, int maxUtilizationPercent) {
        return new CustomMetrics(List.of(new CustomMetric(metricExportName, maxUtilizationPercent)));
    }

    /** Balance on concurrent requests per endpoint. */
    static BalancingMode inFlight(int maxInFlightRequestsPerEndpoint) {
        return new InFlight(maxInFlightRequestsPerEndpoint);
    }

    /** The target utilisation of a balanced metric: a percentage, 1 to 100. */
    static void requireUtilizationPercent(int maxUtilizationPercent) {
        if (maxUtilizationPercent < 1 || maxUtilizationPercent > 100) {
            throw new IllegalArgumentException("'" + maxUtilizationPercent + "' is out of range: allowed are 1 to 100");
        }
    }

    /** IN_FLIGHT balancing needs a limit of at least 1 concurrent request per endpoint. */
    static void requireInFlightLimit(Integer maxInFlightRequestsPerEndpoint) {
        if (maxInFlightRequestsPerEndpoint == null || maxInFlightRequestsPerEndpoint < 1) {
            throw new IllegalArgumentException((maxInFlightRequestsPerEndpoint == null ? "missing"
                    : "'" + maxInFlightRequestsPerEndpoint + "'") + " - IN_FLIGHT balancing needs a limit of at"
                    + " least 1 request per endpoint");
        }
    }

    /** One exported metric and its target. */
    record CustomMetric(String exportName, int maxUtilizationPercent) {
        public CustomMetric {
            MetricExport.requireExportName(exportName);
            requireUtilizationPercent(maxUtilizationPercent);
        }

        io.gke.networking.v1.gcpbackendpolicyspec.default_.CustomMetrics toPolicy() {
            var metric = new io.gke.networking.v1.gcpbackendpolicyspec.default_.CustomMetrics();
            metric.setName(MetricExport.LOAD_BALANCER_PREFIX + exportName);
            metric.setDryRun(false);
            metric.setMaxUtilizationPercent((long) maxUtilizationPercent);
            return metric;
        }
    }

    /** {@code balancingMode: CUSTOM_METRICS}. */
    record CustomMetrics(List<CustomMetric> metrics) implements BalancingMode {
        public CustomMetrics {
            metrics = List.copyOf(metrics);
            if (metrics.isEmpty()) {
                throw new IllegalArgumentException("CUSTOM_METRICS balancing needs at least one metric");
            }
        }

        @Override
        public String name() {
            return "CUSTOM_METRICS";
        }

        @Override
        public void applyTo(Default defaults) {
            defaults.setBalancingMode(Default.BalancingMode.CUSTOM_METRICS);
            defaults.setCustomMetrics(metrics.stream().map(CustomMetric::toPolicy).toList());
        }
    }

    /** {@code balancingMode: IN_FLIGHT}. */
    record InFlight(int maxInFlightRequestsPerEndpoint) implements BalancingMode {
        public InFlight {
            requireInFlightLimit(maxInFlightRequestsPerEndpoint);
        }

        @Override
        public String name() {
            return "IN_FLIGHT";
        }

        @Override
        public void applyTo(Default defaults) {
            defaults.setBalancingMode(Default.BalancingMode.IN_FLIGHT);
            defaults.setMaxInFlightRequestsPerEndpoint((long) maxInFlightRequestsPerEndpoint);
            defaults.setDryRun(false);
        }
    }
}
