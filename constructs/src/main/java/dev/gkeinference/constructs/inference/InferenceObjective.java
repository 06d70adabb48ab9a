package dev.gkeinference.constructs.inference;

import dev.gkeinference.constructs.kubernetes.KubernetesNames;
import dev.gkeinference.constructs.kubernetes.KubernetesObject;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
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
        super(scope, id, objective(props));
    }

    private static HasMetadata objective(InferenceObjectiveProps props) {
        ObjectMeta metadata = new ObjectMetaBuilder()
                .withName(KubernetesNames.requireSubdomain("inference objective name", props.name()))
                .withNamespace(KubernetesNames.requireLabel("namespace name", props.namespace()))
                .build();
        String poolName = KubernetesNames.requireSubdomain("pool name", props.poolName());
        // The two groups' CRDs declare the same spec; each has its own generated classes.
        return switch (props.group()) {
            case LLM_D -> llmD(metadata, props.priority(), poolName);
            case LEGACY -> legacy(metadata, props.priority(), poolName);
        };
    }

    private static HasMetadata llmD(ObjectMeta metadata, Integer priority, String poolName) {
        ai.llm_d.v1alpha2.inferenceobjectivespec.PoolRef poolRef =
                new ai.llm_d.v1alpha2.inferenceobjectivespec.PoolRef();
        poolRef.setGroup(InferencePool.GROUP);
        poolRef.setKind("InferencePool");
        poolRef.setName(poolName);
        ai.llm_d.v1alpha2.InferenceObjectiveSpec spec = new ai.llm_d.v1alpha2.InferenceObjectiveSpec();
        spec.setPriority(priority);
        spec.setPoolRef(poolRef);
        ai.llm_d.v1alpha2.InferenceObjective objective = new ai.llm_d.v1alpha2.InferenceObjective();
        objective.setMetadata(metadata);
        objective.setSpec(spec);
        return objective;
    }

    private static HasMetadata legacy(ObjectMeta metadata, Integer priority, String poolName) {
        io.x_k8s.networking.inference.v1alpha2.inferenceobjectivespec.PoolRef poolRef =
                new io.x_k8s.networking.inference.v1alpha2.inferenceobjectivespec.PoolRef();
        poolRef.setGroup(InferencePool.GROUP);
        poolRef.setKind("InferencePool");
        poolRef.setName(poolName);
        io.x_k8s.networking.inference.v1alpha2.InferenceObjectiveSpec spec =
                new io.x_k8s.networking.inference.v1alpha2.InferenceObjectiveSpec();
        // this CRD declares the priority int64
        spec.setPriority(priority == null ? null : priority.longValue());
        spec.setPoolRef(poolRef);
        io.x_k8s.networking.inference.v1alpha2.InferenceObjective objective =
                new io.x_k8s.networking.inference.v1alpha2.InferenceObjective();
        objective.setMetadata(metadata);
        objective.setSpec(spec);
        return objective;
    }
}
