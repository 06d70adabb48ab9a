package dev.gkeinference.stacks.plan;

import dev.gkeinference.constructs.gke.DranetTpuNodePoolProps;
import dev.gkeinference.constructs.gke.ReleaseChannel;
import dev.gkeinference.constructs.gke.SystemPoolProps;
import java.util.List;
import java.util.Map;

/**
 * One region's cluster, every value final.
 *
 * @param region                GCP region of the cluster
 * @param configCluster         whether it is the fleet's multi-cluster ingress config cluster
 * @param name                  cluster name, {@code <deployment name>-<region>} or the existing cluster's
 * @param existingCluster       whether the cluster exists: the deployment adds its TPU pool, creates no cluster
 * @param nodeServiceAccountId  account id of the nodes' service account
 * @param releaseChannel        the GKE release channel, which picks and upgrades the version
 * @param minimumVersion        a GKE version or prefix the cluster must run at least; null: only the floors of
 *                              the features in use
 * @param deletionProtection    GKE deletion protection
 * @param labels                labels of the cluster and its nodes
 * @param systemPool            the CPU pool
 * @param authorizedNetworks    CIDRs allowed to reach the control plane
 * @param tpuPool               the DRANET TPU pool (its node count is also the model server's replica count)
 */
public record ClusterPlan(String region, boolean configCluster, String name, boolean existingCluster,
        String nodeServiceAccountId,
        ReleaseChannel releaseChannel, String minimumVersion, boolean deletionProtection, Map<String, String> labels,
        SystemPoolProps systemPool, List<String> authorizedNetworks, DranetTpuNodePoolProps tpuPool) {

    public ClusterPlan {
        labels = Map.copyOf(labels);
        authorizedNetworks = List.copyOf(authorizedNetworks);
    }
}
