package dev.gkeinference.constructs.inference;

import dev.gkeinference.constructs.kubernetes.KubernetesMaps;
import dev.gkeinference.constructs.kubernetes.KubernetesNames;
import dev.gkeinference.constructs.kubernetes.KubernetesObject;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * An {@code autoscaling.gke.io/v1beta1} {@code AutoscalingMetric} that exports model-server gauges scraped from the
 * pods to the load balancer (GKE 1.34.1-gke.1127000+, Rapid channel, HPA profile PERFORMANCE). This is the form
 * GKE's multi-cluster Inference Gateway guide uses ({@code spec.selector}, {@code spec.endpoints[].metrics[]}).
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
                KubernetesMaps.map(
                        "selector", Map.of("matchLabels", props.selector()),
                        "endpoints", List.of(KubernetesMaps.map(
                                "port", props.port(),
                                "path", props.path(),
                                "metrics", props.metrics().stream()
                                        .map(m -> Map.of("name", m.name(), "exportName", m.exportName()))
                                        .toList())))));
        this.metrics = props.metrics();
    }

    public List<MetricExport> metrics() {
        return metrics;
    }
}
