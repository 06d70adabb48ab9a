package dev.gkeinference.constructs.inference;

import dev.gkeinference.constructs.kubernetes.KubernetesMaps;
import dev.gkeinference.constructs.kubernetes.KubernetesNames;
import dev.gkeinference.constructs.kubernetes.KubernetesObject;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * An {@code autoscaling.gke.io/v1beta1} {@code AutoscalingMetric} that exports model-server gauges scraped from the
 * pods to the load balancer, which sees each as {@code gke.named_metrics.<export name>} (the cluster needs the HPA
 * profile PERFORMANCE). Written in the {@link AutoscalingMetricSchema#CURRENT current} form by default, or the
 * {@link AutoscalingMetricSchema#LEGACY legacy} one for clusters older than 1.35.1-gke.1396000; the export names
 * are the same in both, so a GCPBackendPolicy does not change with the form.
 */
public class AutoscalingMetric extends KubernetesObject {
    public static final String API_VERSION = "autoscaling.gke.io/v1beta1";
    /** GKE exports at most this many metrics per cluster. */
    public static final int MAX_METRICS_PER_CLUSTER = 10;

    private final List<MetricExport> metrics;

    public AutoscalingMetric(Construct scope, String id, AutoscalingMetricProps props) {
        super(scope, id, KubernetesMaps.object(API_VERSION, "AutoscalingMetric",
                KubernetesMaps.metadata(KubernetesNames.requireSubdomain("autoscaling metric name", props.name()),
                        KubernetesNames.requireLabel("namespace name", props.namespace())),
                props.schema() == AutoscalingMetricSchema.CURRENT ? currentSpec(props) : legacySpec(props)));
        this.metrics = props.metrics();
    }

    private static Map<String, Object> currentSpec(AutoscalingMetricProps props) {
        List<Map<String, Object>> gauges = props.metrics().stream()
                .map(m -> Map.<String, Object>of("gauge", Map.of(
                        "name", m.exportName(),
                        "prometheusMetricName", m.name(),
                        // without it the gauge is exported for autoscaling only
                        "loadBalancing", Map.of("enabled", true))))
                .toList();
        return Map.of("metrics", List.of(Map.of("pod", Map.of(
                "selector", Map.of("matchLabels", props.selector()),
                "containers", List.of(Map.of(
                        "endpoint", Map.of("port", props.port(), "path", props.path()),
                        "metrics", gauges))))));
    }

    private static Map<String, Object> legacySpec(AutoscalingMetricProps props) {
        return Map.of(
                "selector", Map.of("matchLabels", props.selector()),
                "endpoints", List.of(Map.of(
                        "port", props.port(),
                        "path", props.path(),
                        "metrics", props.metrics().stream()
                                .map(m -> Map.of("name", m.name(), "exportName", m.exportName()))
                                .toList())));
    }

    public List<MetricExport> metrics() {
        return metrics;
    }
}
