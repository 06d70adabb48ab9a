package dev.gkeinference.constructs.inference;

/** Where the Cloud Storage FUSE file cache of the model weights lives. */
public enum FileCacheMedium {
    /** A memory-backed {@code gke-gcsfuse-cache} emptyDir: fast, and counted against the pod's memory. */
    MEMORY("memory"),
    /** The FUSE sidecar's ephemeral storage, i.e. the TPU node's boot disk, which must be sized for it. */
    BOOT_DISK("bootDisk"),
    /** No file cache: every read goes to Cloud Storage (with buffered reads). */
    NONE("none");

    private final String value;

    FileCacheMedium(String value) {
        this.value = value;
    }

    /** The name configuration files use. */
    public String value() {
        return value;
    }

    /** The medium of a configuration value. */
    public static FileCacheMedium fromValue(String value) {
        for (FileCacheMedium medium : values()) {
            if (medium.value.equals(value)) {
                return medium;
            }
        }
        throw new IllegalArgumentException((value == null ? "missing" : "'" + value + "'") + " is not a file cache"
                + " medium: allowed are memory, bootDisk, none");
    }
}
