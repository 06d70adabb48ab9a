package dev.gkeinference.constructs.inference;

import java.util.Objects;
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
        Objects.requireNonNull(name, "name");
        if (!isValidExportName(exportName)) {
            throw new IllegalArgumentException(exportNameProblem(exportName));
        }
    }

    /** Whether the load balancer accepts this name: at most 64 characters of {@code [a-z]([-_.a-z0-9]*[a-z0-9])?}. */
    public static boolean isValidExportName(String exportName) {
        return exportName != null && exportName.length() <= EXPORT_NAME_MAX_LENGTH
                && EXPORT_NAME.matcher(exportName).matches();
    }

    /** The message for a name that {@link #isValidExportName} rejects. */
    public static String exportNameProblem(String exportName) {
        return "invalid exported metric name '" + exportName + "': the load balancer accepts at most "
                + EXPORT_NAME_MAX_LENGTH + " characters matching " + EXPORT_NAME.pattern()
                + " (lower-case letters, digits, '-', '_', '.'; starting with a letter)";
    }

    /** The name a GCPBackendPolicy uses for this metric, {@code gke.named_metrics.<exportName>}. */
    public String loadBalancerMetric() {
        return LOAD_BALANCER_PREFIX + exportName;
    }
}
