package dev.gkeinference.constructs.inference;

import dev.gkeinference.constructs.kubernetes.KubernetesNames;
import dev.gkeinference.constructs.kubernetes.KubernetesObject;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.gke.autoscaling.v1beta1.AutoscalingMetricSpec;
import io.gke.autoscaling.v1beta1.autoscalingmetricspec.Endpoints;
import io.gke.autoscaling.v1beta1.autoscalingmetricspec.metrics.Pod;
import io.gke.autoscaling.v1beta1.autoscalingmetricspec.metrics.pod.Containers;
import io.gke.autoscaling.v1beta1.autoscalingmetricspec.metrics.pod.containers.Endpoint;
import io.gke.autoscaling.v1beta1.autoscalingmetricspec.metrics.pod.containers.metrics.Gauge;
import io.gke.autoscaling.v1beta1.autoscalingmetricspec.metrics.pod.containers.metrics.gauge.LoadBalancing;
import java.util.List;
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
        super(scope, id, metric(props));
        this.metrics = props.metrics();
    }

    private static io.gke.autoscaling.v1beta1.AutoscalingMetric metric(AutoscalingMetricProps props) {
        io.gke.autoscaling.v1beta1.AutoscalingMetric metric = new io.gke.autoscaling.v1beta1.AutoscalingMetric();
        metric.setMetadata(new ObjectMetaBuilder()
                .withName(KubernetesNames.requireSubdomain("autoscaling metric name", props.name()))
                .withNamespace(KubernetesNames.requireLabel("namespace name", props.namespace()))
                .build());
        metric.setSpec(props.schema() == AutoscalingMetricSchema.CURRENT ? currentSpec(props) : legacySpec(props));
        return metric;
    }

    private static AutoscalingMetricSpec currentSpec(AutoscalingMetricProps props) {
        Endpoint endpoint = new Endpoint();
        endpoint.setPort((long) props.port());
        endpoint.setPath(props.path());
        Containers container = new Containers();
        container.setEndpoint(endpoint);
        container.setMetrics(props.metrics().stream().map(AutoscalingMetric::gauge).toList());
        io.gke.autoscaling.v1beta1.autoscalingmetricspec.metrics.pod.Selector selector =
                new io.gke.autoscaling.v1beta1.autoscalingmetricspec.metrics.pod.Selector();
        selector.setMatchLabels(props.selector());
        Pod pod = new Pod();
        pod.setSelector(selector);
        pod.setContainers(List.of(container));
        io.gke.autoscaling.v1beta1.autoscalingmetricspec.Metrics metrics =
                new io.gke.autoscaling.v1beta1.autoscalingmetricspec.Metrics();
        metrics.setPod(pod);
        AutoscalingMetricSpec spec = new AutoscalingMetricSpec();
        spec.setMetrics(List.of(metrics));
        return spec;
    }

    private static io.gke.autoscaling.v1beta1.autoscalingmetricspec.metrics.pod.containers.Metrics gauge(
            MetricExport export) {
        // without it the gauge is exported for autoscaling only
        LoadBalancing loadBalancing = new LoadBalancing();
        loadBalancing.setEnabled(true);
        Gauge gauge = new Gauge();
        gauge.setName(export.exportName());
        gauge.setPrometheusMetricName(export.name());
        gauge.setLoadBalancing(loadBalancing);
        io.gke.autoscaling.v1beta1.autoscalingmetricspec.metrics.pod.containers.Metrics metric =
                new io.gke.autoscaling.v1beta1.autoscalingmetricspec.metrics.pod.containers.Metrics();
        metric.setGauge(gauge);
        return metric;
    }

    private static AutoscalingMetricSpec legacySpec(AutoscalingMetricProps props) {
        Endpoints endpoints = new Endpoints();
        endpoints.setPort((long) props.port());
        endpoints.setPath(props.path());
        endpoints.setMetrics(props.metrics().stream().map(AutoscalingMetric::legacyExport).toList());
        io.gke.autoscaling.v1beta1.autoscalingmetricspec.Selector selector =
                new io.gke.autoscaling.v1beta1.autoscalingmetricspec.Selector();
        selector.setMatchLabels(props.selector());
        AutoscalingMetricSpec spec = new AutoscalingMetricSpec();
        spec.setSelector(selector);
        spec.setEndpoints(List.of(endpoints));
        return spec;
    }

    private static io.gke.autoscaling.v1beta1.autoscalingmetricspec.endpoints.Metrics legacyExport(
            MetricExport export) {
        io.gke.autoscaling.v1beta1.autoscalingmetricspec.endpoints.Metrics metric =
                new io.gke.autoscaling.v1beta1.autoscalingmetricspec.endpoints.Metrics();
        metric.setName(export.name());
        metric.setExportName(export.exportName());
        return metric;
    }

    public List<MetricExport> metrics() {
        return metrics;
    }
}
