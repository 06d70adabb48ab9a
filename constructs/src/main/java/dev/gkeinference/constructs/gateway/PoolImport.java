package dev.gkeinference.constructs.gateway;

import dev.gkeinference.constructs.kubernetes.KubernetesNames;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRefBuilder;

/**
 * The {@code GCPInferencePoolImport} (group {@code networking.gke.io}) that GKE creates on the config cluster for
 * a pool exported from the fleet's clusters; same name and namespace as the pools. Routes and policies refer to
 * it; it is never created by Terraform.
 */
public record PoolImport(String name) {
    public static final String GROUP = "networking.gke.io";
    public static final String KIND = "GCPInferencePoolImport";

    public PoolImport {
        KubernetesNames.requireSubdomain("pool name", name);
    }

    /** The reference as a route {@code backendRef}. */
    public HTTPBackendRef backendRef() {
        return new HTTPBackendRefBuilder().withGroup(GROUP).withKind(KIND).withName(name).build();
    }
}
