package dev.gkeinference.stacks.config;

import java.util.List;

/**
 * What one cluster contributes to the multi-cluster gateway, as the cross-cluster checks see it.
 *
 * @param path            where the cluster is configured, for messages, e.g. {@code regions[1]}
 * @param region          the cluster's region
 * @param configCluster   whether it is the fleet's config cluster
 * @param network         the VPC it is attached to
 * @param poolName        the InferencePool it exports
 * @param objectiveNames  the InferenceObjectives of that pool
 * @param targetPorts     the pool's target ports
 * @param negZones        zones the cluster has nodes in: its pool gets one NEG per port in each
 */
public record ClusterServingPlan(String path, String region, boolean configCluster, String network, String poolName,
        List<String> objectiveNames, List<Integer> targetPorts, int negZones) {

    public ClusterServingPlan {
        objectiveNames = List.copyOf(objectiveNames);
        targetPorts = List.copyOf(targetPorts);
    }

    /** NEGs this cluster adds to the gateway's backend service: target ports × zones. */
    public int negs() {
        return targetPorts.size() * negZones;
    }
}
