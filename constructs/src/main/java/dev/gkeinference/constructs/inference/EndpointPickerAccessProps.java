package dev.gkeinference.constructs.inference;

import java.util.Objects;
import org.immutables.value.Value;
import org.jspecify.annotations.Nullable;

/**
 * Properties of an {@link EndpointPickerAccess}. The builder is generated ({@code EndpointPickerAccessPropsBuilder}).
 *
 * @param name           name of the service account, the role and the binding, e.g. {@code <pool>-epp}
 * @param namespace      the namespace of the pool and the picker
 * @param objectiveGroup the API group of the InferenceObjectives the picker reads. Default:
 *                       {@link InferenceObjectiveProps#DEFAULT_GROUP}
 * @param metricsAuth    whether the picker protects its metrics endpoint by delegating to the API server (token and
 *                       access reviews, as the upstream picker's {@code --metrics-endpoint-auth} does). Default: false
 * @param leaderElection whether replicas elect a leader with a Lease in the namespace (get, create, update on
 *                       {@code leases}). Default: false
 */
@Value.Builder
public record EndpointPickerAccessProps(String name, String namespace, @Nullable InferenceObjectiveGroup objectiveGroup,
        @Nullable Boolean metricsAuth, @Nullable Boolean leaderElection) {

    public EndpointPickerAccessProps {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        objectiveGroup = Objects.requireNonNullElse(objectiveGroup, InferenceObjectiveProps.DEFAULT_GROUP);
        metricsAuth = Objects.requireNonNullElse(metricsAuth, false);
        leaderElection = Objects.requireNonNullElse(leaderElection, false);
    }

    public static EndpointPickerAccessPropsBuilder builder() {
        return new EndpointPickerAccessPropsBuilder();
    }
}
