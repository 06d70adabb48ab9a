package dev.gkeinference.constructs.inference;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Properties of an {@link AutoscalingMetric}.
 *
 * @param name      object name
 * @param namespace namespace of the object and of the pods
 * @param selector  labels of the pods to scrape
 * @param port      the pods' metrics port. Default: 8000 (vLLM serves {@code /metrics} on its API port)
 * @param path      the metrics path. Default: {@code /metrics}
 * @param metrics   what to export; distinct export names, at most 10. Default: vLLM's
 *                  {@code vllm:kv_cache_usage_perc} as {@code kv-cache}
 */
public record AutoscalingMetricProps(String name, String namespace, Map<String, String> selector, int port,
        String path, List<MetricExport> metrics) {

    public AutoscalingMetricProps {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(path, "path");
        selector = Map.copyOf(selector);
        metrics = List.copyOf(metrics);
        if (selector.isEmpty()) {
            throw new IllegalArgumentException("autoscaling metric '" + name + "' needs a pod selector");
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

        public AutoscalingMetricProps build() {
            return new AutoscalingMetricProps(name, namespace, selector, port, path, metrics);
        }
    }
}
