package dev.gkeinference.constructs.inference;

import java.util.Objects;
import org.immutables.value.Value;
import org.jspecify.annotations.Nullable;

/**
 * Properties of an {@link InferenceObjective}. The builder is generated ({@code InferenceObjectivePropsBuilder}).
 *
 * @param name      objective name, the value clients send in {@value InferenceObjective#HEADER}
 * @param namespace namespace of the objective and of its pool
 * @param poolName  the InferencePool the objective applies to
 * @param priority  higher is more important, negatives allowed. Default: null, which the endpoint picker
 *                  treats as 0
 * @param group     the API group. Default: {@link #DEFAULT_GROUP}
 */
@Value.Builder
public record InferenceObjectiveProps(String name, String namespace, String poolName, @Nullable Integer priority,
        @Nullable InferenceObjectiveGroup group) {
    public static final InferenceObjectiveGroup DEFAULT_GROUP = InferenceObjectiveGroup.LLM_D;

    public InferenceObjectiveProps {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(poolName, "poolName");
        group = group == null ? DEFAULT_GROUP : group;
    }

    public static InferenceObjectivePropsBuilder builder() {
        return new InferenceObjectivePropsBuilder();
    }
}
