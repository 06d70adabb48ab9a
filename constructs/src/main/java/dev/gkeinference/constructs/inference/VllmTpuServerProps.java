package dev.gkeinference.constructs.inference;

import dev.gkeinference.constructs.kubernetes.ContainerImages;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Properties of a {@link VllmTpuServer}.
 *
 * @param name                   Deployment name
 * @param namespace              namespace of everything the server consists of
 * @param serviceName            Service name. Default: {@code <name>-service}
 * @param serviceAccountName     the pods' Kubernetes service account; it needs read access to the bucket
 * @param appLabel               value of the pods' {@code app} label. Default: the name
 * @param image                  vLLM TPU image with a pinned tag or digest, e.g. {@code vllm/vllm-tpu:v0.11.1};
 *                               {@code latest} and untagged images are rejected
 * @param replicas               pods; each takes one TPU host. Default: 1
 * @param bucketName             Cloud Storage bucket holding the weights (may be a token)
 * @param modelPath              directory of the weights inside the bucket, e.g. {@code models/gemma-3-27b-it}
 * @param mountPath              where the bucket is mounted. Default: {@code /data}
 * @param servedModelName        the model name clients send. Default: null, vLLM uses the model path
 * @param extraArgs              further vLLM arguments, e.g. {@code --max-model-len=8192}. Default: none
 * @param tpuAccelerator         node label value of the TPU type. Default: {@code tpu-v6e-slice}
 * @param tpuTopology            the slice topology, e.g. {@code 2x2}
 * @param tpuChips               TPU chips of one host; requested and used for tensor parallelism
 * @param claimTemplateName      the DRANET ResourceClaimTemplate. Default: {@code all-netdev}
 * @param fuseMountOptions       gcsfuse mount options. Default: {@code implicit-dirs}
 * @param fileCacheCapacity      gcsfuse file cache size, so restarts read weights locally. Default: {@code 100Gi}
 * @param fileCacheForRangeRead  fill the file cache on range reads too. Default: true
 * @param fuseSidecarAnnotations pod annotations that size the FUSE sidecar. Default: cpu, memory and
 *                               ephemeral-storage limits {@code "0"} (unlimited), because the file cache lives in the
 *                               sidecar's ephemeral storage, whose default 10Gi limit would evict the pod
 */
public record VllmTpuServerProps(String name, String namespace, String serviceName, String serviceAccountName,
        String appLabel, String image, int replicas, String bucketName, String modelPath, String mountPath,
        String servedModelName, List<String> extraArgs, String tpuAccelerator, String tpuTopology, int tpuChips,
        String claimTemplateName, String fuseMountOptions, String fileCacheCapacity, boolean fileCacheForRangeRead,
        Map<String, String> fuseSidecarAnnotations) {

    private static final Pattern TOPOLOGY = Pattern.compile("[1-9][0-9]*(x[1-9][0-9]*){1,2}");
    private static final Map<String, String> UNLIMITED_SIDECAR = Map.of(
            "gke-gcsfuse/cpu-limit", "0",
            "gke-gcsfuse/memory-limit", "0",
            "gke-gcsfuse/ephemeral-storage-limit", "0");

    public VllmTpuServerProps {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(serviceAccountName, "serviceAccountName");
        Objects.requireNonNull(bucketName, "bucketName");
        Objects.requireNonNull(tpuAccelerator, "tpuAccelerator");
        serviceName = serviceName == null ? name + "-service" : serviceName;
        appLabel = appLabel == null ? name : appLabel;
        extraArgs = List.copyOf(extraArgs);
        fuseSidecarAnnotations = Map.copyOf(fuseSidecarAnnotations);
        requirePinnedImage(image);
        requireModelPath(modelPath);
        if (tpuTopology == null || !TOPOLOGY.matcher(tpuTopology).matches()) {
            throw new IllegalArgumentException("invalid TPU topology '" + tpuTopology + "': use e.g. 2x2 or 2x2x1");
        }
        if (tpuChips < 1) {
            throw new IllegalArgumentException("invalid TPU chip count " + tpuChips + ": use 1 or more");
        }
        if (replicas < 0) {
            throw new IllegalArgumentException("invalid replica count " + replicas + ": use 0 or more");
        }
        if (mountPath == null || !mountPath.startsWith("/") || mountPath.endsWith("/")) {
            throw new IllegalArgumentException("invalid mount path '" + mountPath
                    + "': use an absolute path without a trailing '/', e.g. /data");
        }
    }

    private static void requirePinnedImage(String image) {
        ContainerImages.requirePinned(image, "vllm/vllm-tpu:v0.11.1");
    }

    /** A directory inside the bucket: not blank, no leading '/', no '..'. */
    public static void requireModelPath(String modelPath) {
        if (modelPath == null || modelPath.isBlank() || modelPath.startsWith("/") || modelPath.contains("..")) {
            throw new IllegalArgumentException("invalid model path '" + modelPath
                    + "': use a directory inside the bucket, without a leading '/' or '..', e.g. models/gemma-3");
        }
    }

    /** The weights directory as vLLM sees it: {@code <mountPath>/<modelPath>}. */
    public String modelDirectory() {
        return mountPath + "/" + (modelPath.endsWith("/") ? modelPath.substring(0, modelPath.length() - 1) : modelPath);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link VllmTpuServerProps}. */
    public static final class Builder {
        private String name;
        private String namespace;
        private String serviceName;
        private String serviceAccountName;
        private String appLabel;
        private String image;
        private int replicas = 1;
        private String bucketName;
        private String modelPath;
        private String mountPath = "/data";
        private String servedModelName;
        private List<String> extraArgs = List.of();
        private String tpuAccelerator = "tpu-v6e-slice";
        private String tpuTopology;
        private int tpuChips;
        private String claimTemplateName = "all-netdev";
        private String fuseMountOptions = "implicit-dirs";
        private String fileCacheCapacity = "100Gi";
        private boolean fileCacheForRangeRead = true;
        private Map<String, String> fuseSidecarAnnotations = UNLIMITED_SIDECAR;

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Builder serviceName(String serviceName) {
            this.serviceName = serviceName;
            return this;
        }

        public Builder serviceAccountName(String serviceAccountName) {
            this.serviceAccountName = serviceAccountName;
            return this;
        }

        public Builder appLabel(String appLabel) {
            this.appLabel = appLabel;
            return this;
        }

        public Builder image(String image) {
            this.image = image;
            return this;
        }

        public Builder replicas(int replicas) {
            this.replicas = replicas;
            return this;
        }

        public Builder bucketName(String bucketName) {
            this.bucketName = bucketName;
            return this;
        }

        public Builder modelPath(String modelPath) {
            this.modelPath = modelPath;
            return this;
        }

        public Builder mountPath(String mountPath) {
            this.mountPath = mountPath;
            return this;
        }

        public Builder servedModelName(String servedModelName) {
            this.servedModelName = servedModelName;
            return this;
        }

        public Builder extraArgs(List<String> extraArgs) {
            this.extraArgs = extraArgs;
            return this;
        }

        public Builder tpuAccelerator(String tpuAccelerator) {
            this.tpuAccelerator = tpuAccelerator;
            return this;
        }

        public Builder tpuTopology(String tpuTopology) {
            this.tpuTopology = tpuTopology;
            return this;
        }

        public Builder tpuChips(int tpuChips) {
            this.tpuChips = tpuChips;
            return this;
        }

        public Builder claimTemplateName(String claimTemplateName) {
            this.claimTemplateName = claimTemplateName;
            return this;
        }

        public Builder fuseMountOptions(String fuseMountOptions) {
            this.fuseMountOptions = fuseMountOptions;
            return this;
        }

        public Builder fileCacheCapacity(String fileCacheCapacity) {
            this.fileCacheCapacity = fileCacheCapacity;
            return this;
        }

        public Builder fileCacheForRangeRead(boolean fileCacheForRangeRead) {
            this.fileCacheForRangeRead = fileCacheForRangeRead;
            return this;
        }

        public Builder fuseSidecarAnnotations(Map<String, String> fuseSidecarAnnotations) {
            this.fuseSidecarAnnotations = fuseSidecarAnnotations;
            return this;
        }

        public VllmTpuServerProps build() {
            return new VllmTpuServerProps(name, namespace, serviceName, serviceAccountName, appLabel, image, replicas,
                    bucketName, modelPath, mountPath, servedModelName, extraArgs, tpuAccelerator, tpuTopology,
                    tpuChips, claimTemplateName, fuseMountOptions, fileCacheCapacity, fileCacheForRangeRead,
                    fuseSidecarAnnotations);
        }
    }
}
