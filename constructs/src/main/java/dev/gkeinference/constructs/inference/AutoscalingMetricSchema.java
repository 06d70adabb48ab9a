package dev.gkeinference.constructs.inference;

import dev.gkeinference.constructs.gke.GkeVersion;

/**
 * The two forms of an {@code autoscaling.gke.io/v1beta1} {@code AutoscalingMetric} that exports gauges to the load
 * balancer. Both are served under the same apiVersion; which one a cluster accepts depends on its GKE version.
 */
public enum AutoscalingMetricSchema {
    /**
     * {@code spec.metrics[].pod.{selector, containers[].endpoint, containers[].metrics[].gauge}}, with
     * {@code gauge.loadBalancing.enabled: true}: GKE's "Expose custom metrics for load balancers" page, for GKE
     * 1.35.1-gke.1396000 and later.
     */
    CURRENT("current", GkeVersion.CUSTOM_METRICS_LOAD_BALANCING),
    /**
     * {@code spec.selector} and {@code spec.endpoints[].metrics[].{name, exportName}}: the form GKE's multi-cluster
     * Inference Gateway guide prints, for clusters older than 1.35.1-gke.1396000 (from 1.34.1-gke.1127000).
     */
    LEGACY("legacy", GkeVersion.MULTI_CLUSTER_INFERENCE_GATEWAY);

    private final String value;
    private final String minimumGkeVersion;

    AutoscalingMetricSchema(String value, String minimumGkeVersion) {
        this.value = value;
        this.minimumGkeVersion = minimumGkeVersion;
    }

    /** The name configuration files use. */
    public String value() {
        return value;
    }

    /** The oldest GKE version that accepts this form for load-balancer export. */
    public String minimumGkeVersion() {
        return minimumGkeVersion;
    }

    /** The schema for a configuration value. */
    public static AutoscalingMetricSchema fromValue(String value) {
        for (AutoscalingMetricSchema schema : values()) {
            if (schema.value.equals(value)) {
                return schema;
            }
        }
        throw new IllegalArgumentException((value == null ? "missing" : "'" + value + "'") + " is not an"
                + " AutoscalingMetric form: allowed are current (GKE " + CURRENT.minimumGkeVersion + " and later),"
                + " legacy (older clusters)");
    }
}
