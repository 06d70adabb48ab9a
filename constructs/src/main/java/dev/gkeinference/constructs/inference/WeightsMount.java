package dev.gkeinference.constructs.inference;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Cloud Storage FUSE CSI volume of a model server's weights, tuned for serving as Google's TPU recipes do: the
 * weights never change under a running server (a new model version goes to a new folder, which rolls the
 * Deployment), so metadata is cached for good, and the file cache is filled with parallel downloads.
 */
final class WeightsMount {
    static final String CSI_DRIVER = "gcsfuse.csi.storage.gke.io";

    private WeightsMount() {
    }

    /** The read-only CSI volume of one bucket folder. */
    static Volume volume(String name, String bucketName, String modelPath, WeightsFileCache cache) {
        return csiVolume(name, bucketName, String.join(",", mountOptions(modelPath, cache)));
    }

    /** A read-only Cloud Storage FUSE CSI volume of a bucket, with the driver's mount options. */
    static Volume csiVolume(String name, String bucketName, String mountOptions) {
        return new VolumeBuilder().withName(name)
                .withNewCsi()
                .withDriver(CSI_DRIVER)
                .withReadOnly(true)
                .withVolumeAttributes(Map.of("bucketName", bucketName, "mountOptions", mountOptions))
                .endCsi()
                .build();
    }

    static List<String> mountOptions(String modelPath, WeightsFileCache cache) {
        List<String> options = new ArrayList<>(List.of(
                "implicit-dirs",
                "only-dir:" + (modelPath.endsWith("/") ? modelPath.substring(0, modelPath.length() - 1) : modelPath),
                "metadata-cache:ttl-secs:-1",
                "metadata-cache:stat-cache-max-size-mb:-1",
                "metadata-cache:type-cache-max-size-mb:-1",
                "metadata-cache:negative-ttl-secs:0",
                "file-system:kernel-list-cache-ttl-secs:-1",
                "file-cache:max-size-mb:" + cache.sizeGib() * 1024));
        if (cache.medium() == FileCacheMedium.NONE) {
            options.add("read:enable-buffered-read:true");
        } else {
            options.addAll(List.of(
                    "file-cache:cache-file-for-range-read:true",
                    "file-cache:enable-parallel-downloads:true",
                    "file-cache:parallel-downloads-per-file:100",
                    "file-cache:max-parallel-downloads:-1",
                    "file-cache:download-chunk-size-mb:10"));
        }
        return options;
    }

    /**
     * With an in-memory cache, the sidecar's cache volume: 1 GiB above the cache, so the cache's own bookkeeping never
     * pushes the volume over its limit (which would evict the pod).
     */
    static Optional<Volume> cacheVolume(String name, WeightsFileCache cache) {
        if (cache.medium() != FileCacheMedium.MEMORY) {
            return Optional.empty();
        }
        return Optional.of(new VolumeBuilder().withName(name)
                .withNewEmptyDir().withMedium("Memory").withSizeLimit(new Quantity((cache.sizeGib() + 1) + "Gi"))
                .endEmptyDir()
                .build());
    }

    /**
     * The pod annotations that inject the FUSE sidecar and size it: no CPU, memory or ephemeral-storage limit (a
     * parallel download of the weights is bursty, and a limit would throttle or evict it), the driver's default
     * requests, and with a disk cache an ephemeral-storage request that reserves its room on the node.
     */
    static Map<String, String> sidecarAnnotations(WeightsFileCache cache) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("gke-gcsfuse/volumes", "true");
        annotations.put("gke-gcsfuse/cpu-limit", "0");
        annotations.put("gke-gcsfuse/memory-limit", "0");
        annotations.put("gke-gcsfuse/ephemeral-storage-limit", "0");
        if (cache.medium() == FileCacheMedium.BOOT_DISK) {
            annotations.put("gke-gcsfuse/ephemeral-storage-request", cache.sizeGib() + "Gi");
        }
        return annotations;
    }
}
