package dev.gkeinference.constructs.gke;

/**
 * The small CPU node pool of a {@link RegionalTpuCluster} that runs system pods, the endpoint picker and the
 * Cloud Storage FUSE webhook. Node counts are per zone of the region.
 *
 * @param machineType Default: {@code e2-standard-4}
 * @param minNodes    Default: 1 per zone
 * @param maxNodes    Default: 3 per zone
 */
public record SystemPoolProps(String machineType, int minNodes, int maxNodes) {
    public static final SystemPoolProps DEFAULT = new SystemPoolProps("e2-standard-4", 1, 3);

    public SystemPoolProps {
        if (minNodes < 0 || maxNodes < 1 || minNodes > maxNodes) {
            throw new IllegalArgumentException("'minNodes=" + minNodes + ", maxNodes=" + maxNodes
                    + "' is invalid: need 0 <= minNodes <= maxNodes and maxNodes >= 1");
        }
    }

    /** The pool with each value that is null taken from {@link #DEFAULT}. */
    public static SystemPoolProps of(String machineType, Integer minNodes, Integer maxNodes) {
        return new SystemPoolProps(machineType == null ? DEFAULT.machineType() : machineType,
                minNodes == null ? DEFAULT.minNodes() : minNodes, maxNodes == null ? DEFAULT.maxNodes() : maxNodes);
    }
}
