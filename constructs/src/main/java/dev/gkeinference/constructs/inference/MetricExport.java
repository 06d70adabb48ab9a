package dev.gkeinference.constructs.inference;

import java.util.regex.Pattern;

/**
 * One model-server metric exported to the load balancer: the Prometheus gauge {@code name} (a value in [0, 1])
 * is published as {@code exportName}, which the load balancer sees as {@code gke.named_metrics.<exportName>}.
 */
public record MetricExport(String name, String exportName) {
    /** The prefix under which the load balancer sees exported metrics. */
    public static final String LOAD_BALANCER_PREFIX = "gke.named_metrics.";
    /** The load balancer's rule for metric names. */
    public static final Pattern EXPORT_NAME = Pattern.compile("[a-z]([-_.a-z0-9]*[a-z0-9])?");
    public static final int EXPORT_NAME_MAX_LENGTH = 64;
    // Declared after the pattern it is validated with: static fields initialise in order.
    /** vLLM's KV-cache utilisation (vLLM 0.10.2 and later), exported as {@code kv-cache}. */
    public static final MetricExport VLLM_KV_CACHE = new MetricExport("vllm:kv_cache_usage_perc", "kv-cache");

    public MetricExport {
        requireMetricName(name);
        requireExportName(exportName);
    }

    /** The Prometheus gauge to export: required. */
    public static void requireMetricName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException((name == null ? "missing" : "'" + name + "'") + " - the Prometheus"
                    + " metric to export is required, e.g. vllm:kv_cache_usage_perc");
        }
    }

    /** The load balancer's rule: at most 64 characters of {@code [a-z]([-_.a-z0-9]*[a-z0-9])?}. */
    public static void requireExportName(String exportName) {
        if (!isValidExportName(exportName)) {
            throw new IllegalArgumentException((exportName == null ? "missing" : "'" + exportName + "'")
                    + " is not a load balancer metric name: at most " + EXPORT_NAME_MAX_LENGTH
                    + " characters matching " + EXPORT_NAME.pattern());
        }
    }

    /** Whether the load balancer accepts this export name. */
    public static boolean isValidExportName(String exportName) {
        return exportName != null && exportName.length() <= EXPORT_NAME_MAX_LENGTH
                && EXPORT_NAME.matcher(exportName).matches();
    }

    /** The name a GCPBackendPolicy uses for this metric, {@code gke.named_metrics.<exportName>}. */
    public String loadBalancerMetric() {
        return LOAD_BALANCER_PREFIX + exportName;
    }
}
