package dev.gkeinference.stacks.config;

/**
 * The TPU node pool of a region.
 *
 * @param machineType  {@code ct6e-standard-1t}, {@code ct6e-standard-4t} or {@code ct6e-standard-8t}
 * @param topology     slice topology valid for the machine type (e.g. 2x2 for ct6e-standard-4t)
 * @param nodeCount    nodes (with autoscaling: initially). Default: the slice's host count
 * @param capacity     {@code on-demand}, {@code spot} or {@code reservation}. Default: on-demand
 * @param reservation  reservation name, with capacity {@code reservation}
 * @param autoscaling  optional node autoscaling bounds
 * @param bootDiskSizeGb each node's Hyperdisk Balanced boot disk in GB. Default:
 *                     {@value dev.gkeinference.constructs.gke.DranetTpuNodePoolProps#DEFAULT_BOOT_DISK_SIZE_GB}
 */
public record TpuConfig(String machineType, String topology, Integer nodeCount, String capacity, String reservation,
        AutoscalingConfig autoscaling, Integer bootDiskSizeGb) {

    /** Node autoscaling bounds of a single-host TPU pool. */
    public record AutoscalingConfig(Integer minNodes, Integer maxNodes) {
    }
}
