package dev.gkeinference.constructs.gke;

import dev.gkeinference.constructs.tpu.TpuSlice;
import java.util.Objects;
import org.immutables.value.Value;
import org.jspecify.annotations.Nullable;

/**
 * Properties of a {@link DranetTpuNodePool}. The builder is generated ({@code DranetTpuNodePoolPropsBuilder}).
 *
 * @param name            node pool name. Default: {@value #DEFAULT_NAME}
 * @param zone            the single zone of the pool (accelerator network profiles need a single-zone pool)
 * @param slice           machine type and topology
 * @param nodeCount       nodes in the pool (with autoscaling: the initial count). For a multi-host slice it must
 *                        equal the slice's host count. Default: the slice's host count ({@link #defaultNodeCount})
 * @param capacity        where the TPUs come from. Default: {@link TpuCapacity#ON_DEMAND}
 * @param reservation     the reservation to consume; required with {@link TpuCapacity#RESERVATION}, else absent
 * @param minNodes        autoscaling lower bound; {@code null} (the default) disables autoscaling
 * @param maxNodes        autoscaling upper bound; set together with {@code minNodes}
 * @param bootDiskSizeGb  each node's Hyperdisk Balanced boot disk, which also holds what pods write to ephemeral
 *                        storage (such as a disk-backed Cloud Storage FUSE file cache). Default:
 *                        {@value #DEFAULT_BOOT_DISK_SIZE_GB}, GKE's default
 */
@Value.Builder
public record DranetTpuNodePoolProps(@Nullable String name, String zone, TpuSlice slice, @Nullable Integer nodeCount,
        @Nullable TpuCapacity capacity, @Nullable String reservation, @Nullable Integer minNodes,
        @Nullable Integer maxNodes, @Nullable Integer bootDiskSizeGb) {
    public static final String DEFAULT_NAME = "tpu-v6e";
    public static final int DEFAULT_BOOT_DISK_SIZE_GB = 100;

    public DranetTpuNodePoolProps {
        name = Objects.requireNonNullElse(name, DEFAULT_NAME);
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(slice, "slice");
        nodeCount = nodeCount == null ? defaultNodeCount(slice) : nodeCount;
        capacity = Objects.requireNonNullElse(capacity, TpuCapacity.ON_DEMAND);
        bootDiskSizeGb = Objects.requireNonNullElse(bootDiskSizeGb, DEFAULT_BOOT_DISK_SIZE_GB);
    }

    /** The node count a pool has unless one is given: one slice, so one node per host. */
    public static int defaultNodeCount(TpuSlice slice) {
        return slice.hosts();
    }

    public boolean autoscaling() {
        return minNodes != null || maxNodes != null;
    }

    public static DranetTpuNodePoolPropsBuilder builder() {
        return new DranetTpuNodePoolPropsBuilder();
    }
}
