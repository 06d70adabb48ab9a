package dev.gkeinference.constructs.inference;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Properties of an {@link AutoscalingMetric}.
 *
 * @param name      object name
 * @param namespace namespace of the object and of the pods
 * @param selector  labels of the pods to scrape; keys of letters, digits, '-' and '_' only (GKE's rule for metric
 *                  selectors: no prefix, no '.')
 * @param port      the pods' metrics port. Default: 8000 (vLLM serves {@code /metrics} on its API port)
 * @param path      the metrics path. Default: {@code /metrics}
 * @param metrics   what to export; distinct export names, at most 10. Default: vLLM's
 *                  {@code vllm:kv_cache_usage_perc} as {@code kv-cache}
 * @param schema    the form of the object. Default: {@link AutoscalingMetricSchema#CURRENT}
 */
public record AutoscalingMetricProps(String name, String namespace, Map<String, String> selector, int port,
        String path, List<MetricExport> metrics, AutoscalingMetricSchema schema) {

    /** GKE's rule for the label keys of a metric's pod selector. */
    public static final Pattern SELECTOR_KEY = Pattern.compile("[A-Za-z0-9_-]+");

    public AutoscalingMetricProps {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(schema, "schema");
        selector = Map.copyOf(selector);
        metrics = List.copyOf(metrics);
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

    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link AutoscalingMetricProps}. */
    public static final class Builder {
        private String name;
        private String namespace;
        private Map<String, String> selector = Map.of();
        private int port = VllmTpuServer.PORT;
        private String path = "/metrics";
        private List<MetricExport> metrics = List.of(MetricExport.VLLM_KV_CACHE);
        private AutoscalingMetricSchema schema = AutoscalingMetricSchema.CURRENT;

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Builder selector(Map<String, String> selector) {
            this.selector = selector;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder path(String path) {
            this.path = path;
            return this;
        }

        public Builder metrics(List<MetricExport> metrics) {
            this.metrics = metrics;
            return this;
        }

        public Builder schema(AutoscalingMetricSchema schema) {
            this.schema = schema;
            return this;
        }

        public AutoscalingMetricProps build() {
            return new AutoscalingMetricProps(name, namespace, selector, port, path, metrics, schema);
        }
    }
}
