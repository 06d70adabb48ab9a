package dev.gkeinference.stacks.config;

import java.util.List;

/**
 * Settings shared by every regional cluster.
 *
 * @param minVersion          a GKE version or prefix (such as {@code 1.36}) every cluster must run at least; the plan
 *                            fails otherwise. Default: none beyond what the features in use need
 * @param deletionProtection  Default: true
 * @param systemPool          the CPU pool for system pods and the endpoint picker
 * @param authorizedNetworks  CIDRs allowed to reach the control planes' public IP endpoint. Default: none, and then
 *                            the clusters have no IP endpoint (DNS endpoint with IAM only)
 * @param releaseChannel      {@code RAPID}, {@code REGULAR}, {@code STABLE} or {@code EXTENDED}. Default: REGULAR
 */
public record ClusterConfig(String minVersion, Boolean deletionProtection, SystemPoolConfig systemPool,
        List<String> authorizedNetworks, String releaseChannel) {

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
