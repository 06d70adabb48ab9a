package dev.gkeinference.constructs.inference;

import dev.gkeinference.constructs.kubernetes.KubernetesMaps;
import dev.gkeinference.constructs.kubernetes.KubernetesNames;
import dev.gkeinference.constructs.kubernetes.KubernetesObject;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * An {@code inference.networking.k8s.io/v1} {@code InferencePool}: the model-server pods a gateway routes to,
 * through an endpoint picker. Exported for the multi-cluster Inference Gateway by default: with
 * {@code networking.gke.io/export: "True"} GKE creates a {@code GCPInferencePoolImport} of the same name and
 * namespace on the fleet's config cluster, merging the pools of every cluster.
 */
public class InferencePool extends KubernetesObject {
    public static final String GROUP = "inference.networking.k8s.io";
    public static final String API_VERSION = GROUP + "/v1";
    /** GKE's multi-cluster export annotation; the value is the string {@code "True"}. */
    public static final String EXPORT_ANNOTATION = "networking.gke.io/export";

    private final List<Integer> targetPorts;

    public InferencePool(Construct scope, String id, InferencePoolProps props) {
        super(scope, id, KubernetesMaps.object(API_VERSION, "InferencePool",
                KubernetesMaps.metadata(KubernetesNames.requireSubdomain("pool name", props.name()),
                        KubernetesNames.requireLabel("namespace name", props.namespace()), Map.of(),
                        props.exported() ? Map.of(EXPORT_ANNOTATION, "True") : Map.of()),
                KubernetesMaps.map(
                        "selector", Map.of("matchLabels", props.selector()),
                        "targetPorts", props.targetPorts().stream().map(p -> Map.of("number", p)).toList(),
                        "endpointPickerRef", KubernetesMaps.map(
                                "name", KubernetesNames.requireLabel("endpoint picker service name",
                                        props.pickerServiceName()),
                                "port", Map.of("number", props.pickerPort()),
                                "failureMode", props.failureMode().value()))));
        this.targetPorts = props.targetPorts();
    }

    public List<Integer> targetPorts() {
        return targetPorts;
    }
}
