package dev.gkeinference.constructs.inference;

import dev.gkeinference.constructs.kubernetes.KubernetesMaps;
import dev.gkeinference.constructs.kubernetes.KubernetesNames;
import dev.gkeinference.constructs.kubernetes.KubernetesObject;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * The endpoint picker (EPP) of one InferencePool: the ext_proc service the gateway asks which pod serves each
 * request. A Deployment and a Service with ext_proc gRPC on 9002, gRPC health on 9003 (which GKE health-checks)
 * and Prometheus metrics on 9090. It runs as the service account of an {@link EndpointPickerAccess}, which may live
 * in an earlier stack.
 *
 * <p>The container is a seam: {@link EndpointPickerProps} takes the image, command, arguments, extra volumes and
 * pod annotations, so the picker can be the upstream image or, for example, a jar run on a stock JRE image with the
 * jar mounted from a bucket through Cloud Storage FUSE.
 */
public class EndpointPicker extends Construct {
    public static final int EXT_PROC_PORT = 9002;
    public static final int HEALTH_PORT = 9003;
    public static final int METRICS_PORT = 9090;
    public static final String CONTAINER_NAME = "epp";

    private final KubernetesObject deployment;
    private final KubernetesObject service;

    public EndpointPicker(Construct scope, String id, EndpointPickerProps props) {
        super(scope, id);
        String name = KubernetesNames.requireLabel("endpoint picker name", props.name());
        KubernetesNames.requireLabel("namespace name", props.namespace());
        Map<String, String> labels = Map.of("app", name);
        this.deployment = new KubernetesObject(this, "deployment", KubernetesMaps.object("apps/v1", "Deployment",
                KubernetesMaps.metadata(name, props.namespace()), deploymentSpec(props, labels)));
        this.service = new KubernetesObject(this, "service", KubernetesMaps.object("v1", "Service",
                KubernetesMaps.metadata(name, props.namespace()), serviceSpec(labels)));
    }

    private static Map<String, Object> deploymentSpec(EndpointPickerProps props, Map<String, String> labels) {
        return Map.of(
                "replicas", props.replicas(),
                "selector", Map.of("matchLabels", labels),
                "template", Map.of(
                        "metadata", KubernetesMaps.map("labels", labels, "annotations", props.podAnnotations()),
                        "spec", KubernetesMaps.map(
                                "serviceAccountName", props.serviceAccountName(),
                                // Lets in-flight streams finish when a picker pod is replaced.
                                "terminationGracePeriodSeconds", props.terminationGracePeriodSeconds(),
                                "containers", List.of(container(props)),
                                "volumes", props.volumes())));
    }

    private static Map<String, Object> container(EndpointPickerProps props) {
        Map<String, Object> liveness = Map.of("port", HEALTH_PORT, "service", props.livenessService());
        Map<String, Object> readiness = Map.of("port", HEALTH_PORT, "service", props.readinessService());
        return KubernetesMaps.map(
                "name", CONTAINER_NAME,
                "image", props.image(),
                "command", props.command(),
                "args", props.args(),
                "env", List.of(fieldEnv("NAMESPACE", "metadata.namespace"), fieldEnv("POD_NAME", "metadata.name")),
                "ports", List.of(
                        Map.of("name", "grpc", "containerPort", EXT_PROC_PORT),
                        Map.of("name", "grpc-health", "containerPort", HEALTH_PORT),
                        Map.of("name", "metrics", "containerPort", METRICS_PORT)),
                "livenessProbe", Map.of("grpc", liveness, "initialDelaySeconds", 5, "periodSeconds", 10),
                "readinessProbe", Map.of("grpc", readiness, "periodSeconds", 2),
                "resources", Map.of(
                        "requests", Map.of("cpu", props.cpuRequest(), "memory", props.memoryRequest()),
                        "limits", Map.of("memory", props.memoryLimit())),
                "volumeMounts", props.volumeMounts());
    }

    private static Map<String, Object> fieldEnv(String name, String fieldPath) {
        return Map.of("name", name, "valueFrom", Map.of("fieldRef", Map.of("fieldPath", fieldPath)));
    }

    private static Map<String, Object> serviceSpec(Map<String, String> labels) {
        return Map.of(
                "selector", labels,
                "ports", List.of(
                        Map.of("name", "grpc-ext-proc", "protocol", "TCP", "port", EXT_PROC_PORT,
                                "targetPort", EXT_PROC_PORT, "appProtocol", "http2"),
                        Map.of("name", "grpc-health", "protocol", "TCP", "port", HEALTH_PORT,
                                "targetPort", HEALTH_PORT),
                        Map.of("name", "http-metrics", "protocol", "TCP", "port", METRICS_PORT,
                                "targetPort", METRICS_PORT)));
    }

    public KubernetesObject deployment() {
        return deployment;
    }

    /** The Service an InferencePool's {@code endpointPickerRef} names. */
    public KubernetesObject service() {
        return service;
    }
}
