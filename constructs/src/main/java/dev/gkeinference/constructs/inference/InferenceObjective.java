package dev.gkeinference.constructs.inference;

import dev.gkeinference.constructs.kubernetes.KubernetesMaps;
import dev.gkeinference.constructs.kubernetes.KubernetesNames;
import dev.gkeinference.constructs.kubernetes.KubernetesObject;
import java.util.Map;
import software.constructs.Construct;

/**
 * An {@code inference.networking.x-k8s.io/v1alpha2} {@code InferenceObjective}: a named priority for requests
 * to a pool. Clients choose one with the {@code x-gateway-inference-objective} header. Needs the
 * {@link InferenceObjectiveCrd} on the cluster when planned.
 */
public class InferenceObjective extends KubernetesObject {
    public static final String API_VERSION = "inference.networking.x-k8s.io/v1alpha2";

    public InferenceObjective(Construct scope, String id, InferenceObjectiveProps props) {
        super(scope, id, KubernetesMaps.object(API_VERSION, "InferenceObjective",
                KubernetesMaps.metadata(KubernetesNames.requireSubdomain("inference objective name", props.name()),
                        KubernetesNames.requireLabel("namespace name", props.namespace())),
                KubernetesMaps.map(
                        "priority", props.priority(),
                        "poolRef", Map.of("group", InferencePool.GROUP, "kind", "InferencePool",
                                "name", KubernetesNames.requireSubdomain("pool name", props.poolName())))));
    }
}
