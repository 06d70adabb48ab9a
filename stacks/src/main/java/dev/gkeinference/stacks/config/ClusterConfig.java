package dev.gkeinference.stacks.config;

import java.util.List;

/**
 * Settings shared by every regional cluster.
 *
 * @param minVersion          minimum GKE version. Default: the first with managed DRANET, 1.34.1-gke.1829001
 * @param deletionProtection  Default: true
 * @param systemPool          the CPU pool for system pods and the endpoint picker
 * @param authorizedNetworks  CIDRs allowed to reach the control planes. Default: none (IAM only)
 */
public record ClusterConfig(String minVersion, Boolean deletionProtection, SystemPoolConfig systemPool,
        List<String> authorizedNetworks) {

    /**
     * The system pool, node counts per zone.
     *
     * @param machineType Default: e2-standard-4
     * @param minNodes    Default: 1
     * @param maxNodes    Default: 3
     */
    public record SystemPoolConfig(String machineType, Integer minNodes, Integer maxNodes) {
    }
}
