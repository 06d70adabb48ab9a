package dev.gkeinference.constructs.inference;

import java.util.Optional;

/**
 * The Cloud Storage FUSE file cache of a model server's weights: where it lives and how large it may grow. A cache
 * can never be larger than what holds it; {@link #memoryProblem} and {@link #bootDiskProblem} say when it would be.
 *
 * @param medium  where the cache lives
 * @param sizeGib its size in GiB; 0 with {@link FileCacheMedium#NONE}, at least 1 otherwise
 */
public record WeightsFileCache(FileCacheMedium medium, int sizeGib) {
    /**
     * Host memory the model server needs besides an in-memory cache (INFERRED: weight loading and the JAX runtime;
     * a public TPU v7 vLLM benchmark budgets 40 GB for it).
     */
    public static final int MODEL_SERVER_HOST_MEMORY_GIB = 40;
    /** Disk the model server's pod uses besides a disk cache: its image (about 10 GB compressed) and XLA cache. */
    public static final int MODEL_SERVER_DISK_GIB = 30;
    /** No file cache. */
    public static final WeightsFileCache NO_CACHE = new WeightsFileCache(FileCacheMedium.NONE, 0);

    public WeightsFileCache {
        if (medium == null) {
            throw new IllegalArgumentException("a weights file cache needs a medium: memory, bootDisk or none");
        }
        if (medium == FileCacheMedium.NONE ? sizeGib != 0 : sizeGib < 1) {
            throw new IllegalArgumentException("invalid weights file cache size " + sizeGib + " GiB with medium "
                    + medium.value() + ": " + (medium == FileCacheMedium.NONE ? "use 0 (no cache)" : "use 1 or more"));
        }
    }

    /** The least memory (GiB) the model server must request to hold this cache and itself. */
    public int minimumMemoryGib() {
        return MODEL_SERVER_HOST_MEMORY_GIB + (medium == FileCacheMedium.MEMORY ? sizeGib : 0);
    }

    /** Why a model server memory request (GiB) cannot hold this cache, if it cannot. */
    public Optional<String> memoryProblem(int memoryGib) {
        if (memoryGib >= minimumMemoryGib()) {
            return Optional.empty();
        }
        return Optional.of("a memory request of " + memoryGib + " GiB cannot hold "
                + (medium == FileCacheMedium.MEMORY ? "the " + sizeGib + " GiB in-memory file cache and " : "")
                + "the model server's own " + MODEL_SERVER_HOST_MEMORY_GIB + " GiB: use at least "
                + minimumMemoryGib());
    }

    /**
     * Ephemeral storage (GiB) pods may use on a node with this boot disk, as GKE reserves it: 10% for the eviction
     * threshold, and for the system min(50%, 6 GiB + 35%, 100 GiB) of the disk.
     */
    public static int allocatableEphemeralGib(int bootDiskGb) {
        double system = Math.min(Math.min(0.5 * bootDiskGb, 6 + 0.35 * bootDiskGb), 100);
        return (int) Math.floor(bootDiskGb - 0.1 * bootDiskGb - system);
    }

    /** The largest disk cache (GiB) a node with this boot disk can hold beside the model server's own disk use. */
    public static int maxDiskCacheGib(int bootDiskGb) {
        return Math.max(0, allocatableEphemeralGib(bootDiskGb) - MODEL_SERVER_DISK_GIB);
    }

    /** The smallest boot disk (GB) that holds a disk cache of this size. */
    public int minimumBootDiskGb() {
        int disk = 10;
        while (maxDiskCacheGib(disk) < sizeGib) {
            disk += 10;
        }
        return disk;
    }

    /** Why a TPU node boot disk of this size (GB) cannot hold this cache, if it cannot. */
    public Optional<String> bootDiskProblem(int bootDiskGb) {
        if (medium != FileCacheMedium.BOOT_DISK || sizeGib <= maxDiskCacheGib(bootDiskGb)) {
            return Optional.empty();
        }
        return Optional.of("a " + sizeGib + " GiB disk file cache does not fit a " + bootDiskGb + " GB boot disk,"
                + " which holds at most " + maxDiskCacheGib(bootDiskGb) + " GiB of cache (GKE reserves 10% + min(50%,"
                + " 6 GiB + 35%, 100 GiB) of the disk, and the model server's image and XLA cache take "
                + MODEL_SERVER_DISK_GIB + " GiB): use a boot disk of at least " + minimumBootDiskGb() + " GB");
    }
}
