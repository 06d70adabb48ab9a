package dev.gkeinference.constructs.inference;

import java.util.Objects;

/**
 * Properties of an {@link InferenceObjective}.
 *
 * @param name      objective name, the value clients send in {@code x-gateway-inference-objective}
 * @param namespace namespace of the objective and of its pool
 * @param poolName  the InferencePool the objective applies to
 * @param priority  higher is more important, negatives allowed. Default: null, which the endpoint picker
 *                  treats as 0
 */
public record InferenceObjectiveProps(String name, String namespace, String poolName, Integer priority) {

    public InferenceObjectiveProps {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(poolName, "poolName");
    }
}
