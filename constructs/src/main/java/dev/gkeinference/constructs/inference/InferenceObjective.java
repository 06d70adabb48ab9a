package dev.gkeinference.constructs.inference;

import dev.gkeinference.constructs.kubernetes.KubernetesMaps;
import dev.gkeinference.constructs.kubernetes.KubernetesNames;
import dev.gkeinference.constructs.kubernetes.KubernetesObject;
import java.util.Map;
import software.constructs.Construct;

/**
 * An {@code InferenceObjective}: a named priority for requests to a pool, in {@code llm-d.ai/v1alpha2} by default
 * or the legacy {@code inference.networking.x-k8s.io/v1alpha2}. Clients choose one with the
 * {@value #HEADER} header. Needs the {@link InferenceObjectiveCrd} of the same group on the cluster when planned.
 */
public class InferenceObjective extends KubernetesObject {
    /** The request header naming the objective (the llm-d picker still reads {@value #LEGACY_HEADER}). */
    public static final String HEADER = "x-llm-d-inference-objective";
    /** The deprecated header of Gateway API Inference Extension pickers. */
    public static final String LEGACY_HEADER = "x-gateway-inference-objective";

    public InferenceObjective(Construct scope, String id, InferenceObjectiveProps props) {
        super(scope, id, KubernetesMaps.object(props.group().apiVersion(), "InferenceObjective",
                KubernetesMaps.metadata(KubernetesNames.requireSubdomain("inference objective name", props.name()),
                        KubernetesNames.requireLabel("namespace name", props.namespace())),
                KubernetesMaps.map(
                        "priority", props.priority(),
                        "poolRef", Map.of("group", InferencePool.GROUP, "kind", "InferencePool",
                                "name", KubernetesNames.requireSubdomain("pool name", props.poolName())))));
    }
}
