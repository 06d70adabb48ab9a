package dev.gkeinference.constructs.gke;

import java.util.Map;

/**
 * A regional GKE cluster that TPU pools, Kubernetes providers and fleet features use: one
 * {@link RegionalTpuCluster} creates, or an existing one imported with {@link RegionalTpuCluster#fromClusterName}.
 */
public interface ICluster {
    String project();

    String region();

    /** The cluster name, as a reference where one exists (orders dependants after the cluster). */
    String clusterName();

    /** The service account of nodes added to the cluster by this deployment. */
    String nodeServiceAccountEmail();

    /** Resource labels of nodes added to the cluster by this deployment. */
    Map<String, String> labels();

    /**
     * The control plane's DNS endpoint (a host name), for a Kubernetes provider: {@code https://} plus this, a
     * Google access token, and no cluster CA (the endpoint serves a publicly trusted certificate).
     */
    String dnsEndpoint();

    /** Fleet membership id of the cluster's regional membership. */
    String fleetMembershipId();

    /** Fleet membership location: the cluster's region for a membership made by the cluster's {@code fleet} block. */
    String fleetMembershipLocation();

    /**
     * Fails the plan unless the cluster runs at least {@code minimum} (a version or a prefix such as 1.35) for
     * {@code feature}. Declaring the same feature again replaces its minimum.
     */
    void requireVersion(String minimum, String feature);

    /** Adds a single-zone TPU node pool with managed DRANET. */
    default DranetTpuNodePool addTpuNodePool(String id, DranetTpuNodePoolProps poolProps) {
        return new DranetTpuNodePool(this, id, poolProps);
    }
}
