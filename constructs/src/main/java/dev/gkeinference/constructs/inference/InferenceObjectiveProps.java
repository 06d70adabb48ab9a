package dev.gkeinference.constructs.inference;

import java.util.Objects;

/**
 * Properties of an {@link InferenceObjective}.
 *
 * @param name      objective name, the value clients send in {@value InferenceObjective#HEADER}
 * @param namespace namespace of the objective and of its pool
 * @param poolName  the InferencePool the objective applies to
 * @param priority  higher is more important, negatives allowed. Default: null, which the endpoint picker
 *                  treats as 0
 * @param group     the API group. Default: {@link InferenceObjectiveGroup#LLM_D}
 */
public record InferenceObjectiveProps(String name, String namespace, String poolName, Integer priority,
        InferenceObjectiveGroup group) {

    public InferenceObjectiveProps {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(poolName, "poolName");
        Objects.requireNonNull(group, "group");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link InferenceObjectiveProps}. */
    public static final class Builder {
        private String name;
        private String namespace;
        private String poolName;
        private Integer priority;
        private InferenceObjectiveGroup group = InferenceObjectiveGroup.LLM_D;

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Builder poolName(String poolName) {
            this.poolName = poolName;
            return this;
        }

        public Builder priority(Integer priority) {
            this.priority = priority;
            return this;
        }

        public Builder group(InferenceObjectiveGroup group) {
            this.group = group;
            return this;
        }

        public InferenceObjectiveProps build() {
            return new InferenceObjectiveProps(name, namespace, poolName, priority, group);
        }
    }
}
