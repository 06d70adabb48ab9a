package dev.gkeinference.constructs.gateway;

import dev.gkeinference.constructs.kubernetes.KubernetesNames;
import java.util.Map;

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

    /** The reference as a policy {@code targetRef} or a route {@code backendRef}. */
    public Map<String, Object> reference() {
        return Map.of("group", GROUP, "kind", KIND, "name", name);
    }
}
