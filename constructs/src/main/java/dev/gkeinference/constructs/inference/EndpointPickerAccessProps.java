package dev.gkeinference.constructs.inference;

import java.util.Objects;

/**
 * Properties of an {@link EndpointPickerAccess}.
 *
 * @param name           name of the service account, the role and the binding, e.g. {@code <pool>-epp}
 * @param namespace      the namespace of the pool and the picker
 * @param objectiveGroup the API group of the InferenceObjectives the picker reads. Default:
 *                       {@link InferenceObjectiveGroup#LLM_D}
 * @param metricsAuth    whether the picker protects its metrics endpoint by delegating to the API server (token and
 *                       access reviews, as the upstream picker's {@code --metrics-endpoint-auth} does). Default: false
 * @param leaderElection whether replicas elect a leader with a Lease in the namespace (get, create, update on
 *                       {@code leases}). Default: false
 */
public record EndpointPickerAccessProps(String name, String namespace, InferenceObjectiveGroup objectiveGroup,
        boolean metricsAuth, boolean leaderElection) {

    public EndpointPickerAccessProps {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(objectiveGroup, "objectiveGroup");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link EndpointPickerAccessProps}. */
    public static final class Builder {
        private String name;
        private String namespace;
        private InferenceObjectiveGroup objectiveGroup = InferenceObjectiveGroup.LLM_D;
        private boolean metricsAuth;
        private boolean leaderElection;

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Builder objectiveGroup(InferenceObjectiveGroup objectiveGroup) {
            this.objectiveGroup = objectiveGroup;
            return this;
        }

        public Builder metricsAuth(boolean metricsAuth) {
            this.metricsAuth = metricsAuth;
            return this;
        }

        public Builder leaderElection(boolean leaderElection) {
            this.leaderElection = leaderElection;
            return this;
        }

        public EndpointPickerAccessProps build() {
            return new EndpointPickerAccessProps(name, namespace, objectiveGroup, metricsAuth, leaderElection);
        }
    }
}
