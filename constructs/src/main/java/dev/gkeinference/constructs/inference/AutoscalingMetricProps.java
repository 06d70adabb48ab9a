package dev.gkeinference.constructs.inference;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.immutables.value.Value;
import org.jspecify.annotations.Nullable;

/**
 * Properties of an {@link AutoscalingMetric}. The builder is generated ({@code AutoscalingMetricPropsBuilder}).
 *
 * @param name      object name
 * @param namespace namespace of the object and of the pods
 * @param selector  labels of the pods to scrape; keys of letters, digits, '-' and '_' only (GKE's rule for metric
 *                  selectors: no prefix, no '.')
 * @param port      the pods' metrics port. Default: {@value VllmTpuServer#PORT} (vLLM serves {@code /metrics} on its
 *                  API port)
 * @param path      the metrics path. Default: {@value #DEFAULT_PATH}
 * @param metrics   what to export; distinct export names, at most 10. Default: {@link #DEFAULT_METRICS}, vLLM's
 *                  {@code vllm:kv_cache_usage_perc} as {@code kv-cache}
 * @param schema    the form of the object. Default: {@link #DEFAULT_SCHEMA}
 */
@Value.Builder
public record AutoscalingMetricProps(String name, String namespace, Map<String, String> selector,
        @Nullable Integer port, @Nullable String path, @Nullable List<MetricExport> metrics,
        @Nullable AutoscalingMetricSchema schema) {
    public static final String DEFAULT_PATH = "/metrics";
    public static final List<MetricExport> DEFAULT_METRICS = List.of(MetricExport.VLLM_KV_CACHE);
    public static final AutoscalingMetricSchema DEFAULT_SCHEMA = AutoscalingMetricSchema.CURRENT;

    /** GKE's rule for the label keys of a metric's pod selector. */
    public static final Pattern SELECTOR_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    public AutoscalingMetricProps {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        port = Objects.requireNonNullElse(port, VllmTpuServer.PORT);
        path = Objects.requireNonNullElse(path, DEFAULT_PATH);
        schema = Objects.requireNonNullElse(schema, DEFAULT_SCHEMA);
        selector = Map.copyOf(selector);
        metrics = List.copyOf(Objects.requireNonNullElse(metrics, DEFAULT_METRICS));
        if (selector.isEmpty()) {
            throw new IllegalArgumentException("autoscaling metric '" + name + "' needs a pod selector");
        }
        for (String key : selector.keySet()) {
            if (!SELECTOR_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("invalid pod selector label key '" + key + "' of autoscaling"
                        + " metric '" + name + "': GKE allows only letters, digits, '-' and '_' (no prefix, no '.')");
            }
        }
        requireMetricCount(metrics.size());
        requireDistinctExportNames(metrics.stream().map(MetricExport::exportName).toList());
    }

    /** 1 to {@value AutoscalingMetric#MAX_METRICS_PER_CLUSTER}, GKE's limit per cluster. */
    public static void requireMetricCount(int count) {
        if (count < 1 || count > AutoscalingMetric.MAX_METRICS_PER_CLUSTER) {
            throw new IllegalArgumentException("'" + count + " metrics' - export 1 to "
                    + AutoscalingMetric.MAX_METRICS_PER_CLUSTER + " metrics (GKE's limit per cluster)");
        }
    }

    /** The load balancer tells exported metrics apart by export name. */
    public static void requireDistinctExportNames(List<String> exportNames) {
        Set<String> seen = new HashSet<>();
        for (String name : exportNames) {
            if (!seen.add(name)) {
                throw new IllegalArgumentException("'" + name + "' appears twice: export names are unique");
            }
        }
    }

    public static AutoscalingMetricPropsBuilder builder() {
        return new AutoscalingMetricPropsBuilder();
    }
}
