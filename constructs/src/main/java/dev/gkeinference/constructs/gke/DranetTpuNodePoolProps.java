package dev.gkeinference.constructs.gke;

import dev.gkeinference.constructs.tpu.TpuSlice;
import java.util.Objects;

/**
 * Properties of a {@link DranetTpuNodePool}.
 *
 * @param name            node pool name. Default: {@code tpu-v6e}
 * @param zone            the single zone of the pool (accelerator network profiles need a single-zone pool)
 * @param slice           machine type and topology
 * @param nodeCount       nodes in the pool (with autoscaling: the initial count). For a multi-host slice it must
 *                        equal the slice's host count. Default: the slice's host count
 * @param capacity        where the TPUs come from. Default: {@link TpuCapacity#ON_DEMAND}
 * @param reservation     the reservation to consume; required with {@link TpuCapacity#RESERVATION}, else absent
 * @param minNodes        autoscaling lower bound; {@code null} (the default) disables autoscaling
 * @param maxNodes        autoscaling upper bound; set together with {@code minNodes}
 * @param bootDiskSizeGb  each node's Hyperdisk Balanced boot disk, which also holds what pods write to ephemeral
 *                        storage (such as a disk-backed Cloud Storage FUSE file cache). Default:
 *                        {@value #DEFAULT_BOOT_DISK_SIZE_GB}, GKE's default
 */
public record DranetTpuNodePoolProps(String name, String zone, TpuSlice slice, int nodeCount, TpuCapacity capacity,
        String reservation, Integer minNodes, Integer maxNodes, int bootDiskSizeGb) {
    public static final int DEFAULT_BOOT_DISK_SIZE_GB = 100;

    public DranetTpuNodePoolProps {
        name = name == null ? "tpu-v6e" : name;
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(slice, "slice");
        capacity = capacity == null ? TpuCapacity.ON_DEMAND : capacity;
    }

    /** The node count a pool has unless one is given: one slice, so one node per host. */
    public static int defaultNodeCount(TpuSlice slice) {
        return slice.hosts();
    }

    public boolean autoscaling() {
        return minNodes != null || maxNodes != null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link DranetTpuNodePoolProps}. */
    public static final class Builder {
        private String name;
        private String zone;
        private TpuSlice slice;
        private Integer nodeCount;
        private TpuCapacity capacity;
        private String reservation;
        private Integer minNodes;
        private Integer maxNodes;
        private Integer bootDiskSizeGb;

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder zone(String zone) {
            this.zone = zone;
            return this;
        }

        public Builder slice(TpuSlice slice) {
            this.slice = slice;
            return this;
        }

        /** Null keeps the default, the slice's host count. */
        public Builder nodeCount(Integer nodeCount) {
            this.nodeCount = nodeCount;
            return this;
        }

        public Builder capacity(TpuCapacity capacity) {
            this.capacity = capacity;
            return this;
        }

        public Builder reservation(String reservation) {
            this.reservation = reservation;
            return this;
        }

        public Builder autoscaling(Integer minNodes, Integer maxNodes) {
            this.minNodes = minNodes;
            this.maxNodes = maxNodes;
            return this;
        }

        /** Null keeps the default, {@value #DEFAULT_BOOT_DISK_SIZE_GB}. */
        public Builder bootDiskSizeGb(Integer bootDiskSizeGb) {
            this.bootDiskSizeGb = bootDiskSizeGb;
            return this;
        }

        public DranetTpuNodePoolProps build() {
            Objects.requireNonNull(slice, "slice");
            int nodes = nodeCount == null ? defaultNodeCount(slice) : nodeCount;
            int bootDisk = bootDiskSizeGb == null ? DEFAULT_BOOT_DISK_SIZE_GB : bootDiskSizeGb;
            return new DranetTpuNodePoolProps(name, zone, slice, nodes, capacity, reservation, minNodes, maxNodes,
                    bootDisk);
        }
    }
}
