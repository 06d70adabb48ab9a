package dev.gkeinference.constructs.inference;

import dev.gkeinference.constructs.kubernetes.ContainerImages;
import dev.gkeinference.constructs.kubernetes.NetworkDeviceClaimTemplateProps;
import dev.gkeinference.constructs.tpu.TpuSlice;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.immutables.value.Value;
import org.jspecify.annotations.Nullable;

/**
 * Properties of a {@link VllmTpuServer}. The builder is generated ({@code VllmTpuServerPropsBuilder}).
 *
 * @param name                 Deployment name
 * @param namespace            namespace of everything the server consists of
 * @param serviceName          Service name. Default: {@code <name>-service}
 * @param serviceAccountName   the pods' Kubernetes service account; it needs read access to the bucket
 * @param appLabel             value of the pods' {@code app} label. Default: the name
 * @param image                vLLM TPU image with a pinned tag or digest, e.g. {@code vllm/vllm-tpu:v0.23.0};
 *                             {@code latest} and untagged images are rejected
 * @param replicas             pods; each takes one TPU host. Default: {@value #DEFAULT_REPLICAS}
 * @param bucketName           Cloud Storage bucket holding the weights (may be a token)
 * @param modelPath            directory of the weights inside the bucket, e.g. {@code models/gemma-3-27b-it}; only
 *                             this directory is mounted
 * @param mountPath            where the weights directory is mounted; vLLM serves the model from there. Default:
 *                             {@value #DEFAULT_MOUNT_PATH}
 * @param servedModelName      the model name clients send. Default: null, vLLM uses the model path
 * @param extraArgs            further vLLM arguments, e.g. {@code --max-num-seqs=128}; flags the server sets itself
 *                             (see {@link #argumentProblem}) are rejected. Default: none
 * @param tpuAccelerator       node label value of the TPU type. Default: {@value TpuSlice#ACCELERATOR}
 * @param tpuTopology          the slice topology, e.g. {@code 2x2}
 * @param tpuChips             TPU chips of one host; requested and used for tensor parallelism
 * @param claimTemplateName    the DRANET ResourceClaimTemplate. Default:
 *                             {@value NetworkDeviceClaimTemplateProps#DEFAULT_NAME}
 * @param maxModelLen          vLLM {@code --max-model-len}, the longest context served. Default: null, the model's
 *                             own maximum (for Gemma 3, more than the KV cache of 4 chips holds)
 * @param gpuMemoryUtilization vLLM {@code --gpu-memory-utilization}, the share of TPU HBM vLLM takes. Default:
 *                             {@value #DEFAULT_GPU_MEMORY_UTILIZATION} (Google's TPU recipe)
 * @param weightsCache         the Cloud Storage FUSE file cache of the weights. Default:
 *                             {@link #DEFAULT_WEIGHTS_CACHE}
 * @param memoryGib            memory request (GiB) of the vLLM container; it covers an in-memory file cache, and
 *                             must be at least {@link WeightsFileCache#minimumMemoryGib()}. Default: that minimum
 * @param nodeBootDiskGb       the TPU node's boot disk (GB); needed, and checked, with a disk file cache. Default:
 *                             null
 */
@Value.Builder
public record VllmTpuServerProps(String name, String namespace, @Nullable String serviceName,
        String serviceAccountName, @Nullable String appLabel, String image, @Nullable Integer replicas,
        String bucketName, String modelPath, @Nullable String mountPath, @Nullable String servedModelName,
        List<String> extraArgs, @Nullable String tpuAccelerator, String tpuTopology, int tpuChips,
        @Nullable String claimTemplateName, @Nullable Integer maxModelLen, @Nullable Double gpuMemoryUtilization,
        @Nullable WeightsFileCache weightsCache, @Nullable Integer memoryGib, @Nullable Integer nodeBootDiskGb) {

    public static final int DEFAULT_REPLICAS = 1;
    public static final String DEFAULT_MOUNT_PATH = "/data";

    /** Google's TPU recipe: vLLM takes 95% of the TPU HBM. */
    public static final double DEFAULT_GPU_MEMORY_UTILIZATION = 0.95;
    /** 64 GiB in memory: holds Gemma 3 27B's 54 GB of bf16 weights. */
    public static final WeightsFileCache DEFAULT_WEIGHTS_CACHE = new WeightsFileCache(FileCacheMedium.MEMORY, 64);

    private static final Pattern TOPOLOGY = Pattern.compile("[1-9][0-9]*(x[1-9][0-9]*){1,2}");
    /** A bucket folder that can go into a mount option: no ',' (separates options), ':' or whitespace. */
    private static final Pattern MODEL_PATH = Pattern.compile("[^/,:\\s][^,:\\s]*");
    /** vLLM flags the server sets from these props; {@code -tp} is short for {@code --tensor-parallel-size}. */
    static final Set<String> SERVER_FLAGS = Set.of("--model", "--served-model-name", "--port", "--host",
            "--tensor-parallel-size", "-tp", "--max-model-len", "--gpu-memory-utilization", "--enable-log-requests",
            "--no-enable-log-requests");

    public VllmTpuServerProps {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(serviceAccountName, "serviceAccountName");
        Objects.requireNonNull(bucketName, "bucketName");
        replicas = Objects.requireNonNullElse(replicas, DEFAULT_REPLICAS);
        mountPath = Objects.requireNonNullElse(mountPath, DEFAULT_MOUNT_PATH);
        tpuAccelerator = Objects.requireNonNullElse(tpuAccelerator, TpuSlice.ACCELERATOR);
        claimTemplateName = Objects.requireNonNullElse(claimTemplateName, NetworkDeviceClaimTemplateProps.DEFAULT_NAME);
        gpuMemoryUtilization = Objects.requireNonNullElse(gpuMemoryUtilization, DEFAULT_GPU_MEMORY_UTILIZATION);
        weightsCache = Objects.requireNonNullElse(weightsCache, DEFAULT_WEIGHTS_CACHE);
        serviceName = serviceName == null ? name + "-service" : serviceName;
        appLabel = appLabel == null ? name : appLabel;
        extraArgs = List.copyOf(extraArgs);
        memoryGib = memoryGib == null ? weightsCache.minimumMemoryGib() : memoryGib;
        requirePinnedImage(image);
        requireModelPath(modelPath);
        requireShape(tpuTopology, tpuChips, replicas);
        requireMountPath(mountPath);
        requireVllmSettings(maxModelLen, gpuMemoryUtilization, extraArgs);
        requireCacheFits(weightsCache, memoryGib, nodeBootDiskGb);
    }

    /** Why a weights directory cannot be mounted, if it cannot. */
    public static Optional<String> modelPathProblem(String modelPath) {
        if (modelPath != null && MODEL_PATH.matcher(modelPath).matches() && !modelPath.contains("..")) {
            return Optional.empty();
        }
        return Optional.of("invalid model path '" + modelPath + "': use a directory inside the bucket, without a"
                + " leading '/', '..', ',', ':' or spaces, e.g. models/gemma-3");
    }

    /** Why an extra vLLM argument cannot be passed, if it cannot: the server sets that flag itself. */
    public static Optional<String> argumentProblem(String arg) {
        String flag = arg == null ? "" : arg.split("=", 2)[0];
        if (!SERVER_FLAGS.contains(flag)) {
            return Optional.empty();
        }
        return Optional.of("vLLM argument '" + arg + "' sets " + flag + ", which the model server sets itself:"
                + " remove it (model, name, port, tensor parallelism, context length, HBM share and request logging"
                + " have their own settings)");
    }

    private static void requirePinnedImage(String image) {
        ContainerImages.requirePinned(image, "vllm/vllm-tpu:v0.23.0");
    }

    /** A bucket folder that can be mounted on its own. */
    public static void requireModelPath(String modelPath) {
        modelPathProblem(modelPath).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    private static void requireShape(String tpuTopology, int tpuChips, int replicas) {
        if (tpuTopology == null || !TOPOLOGY.matcher(tpuTopology).matches()) {
            throw new IllegalArgumentException("invalid TPU topology '" + tpuTopology + "': use e.g. 2x2 or 2x2x1");
        }
        if (tpuChips < 1) {
            throw new IllegalArgumentException("invalid TPU chip count " + tpuChips + ": use 1 or more");
        }
        if (replicas < 0) {
            throw new IllegalArgumentException("invalid replica count " + replicas + ": use 0 or more");
        }
    }

    private static void requireMountPath(String mountPath) {
        if (mountPath == null || !mountPath.startsWith("/") || mountPath.endsWith("/")) {
            throw new IllegalArgumentException("invalid mount path '" + mountPath
                    + "': use an absolute path without a trailing '/', e.g. /data");
        }
    }

    private static void requireVllmSettings(Integer maxModelLen, double gpuMemoryUtilization, List<String> args) {
        requireMaxModelLen(maxModelLen);
        requireGpuMemoryUtilization(gpuMemoryUtilization);
        args.forEach(VllmTpuServerProps::requireArgument);
    }

    /** Absent (the model's own maximum), or 1 token or more. */
    public static void requireMaxModelLen(Integer maxModelLen) {
        if (maxModelLen != null && maxModelLen < 1) {
            throw new IllegalArgumentException("'" + maxModelLen + "' is out of range: allowed are 1 token or more");
        }
    }

    /** A share of the TPU HBM above 0 and at most 1. */
    public static void requireGpuMemoryUtilization(double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("'" + share + "' is out of range: allowed is a share of the TPU HBM"
                    + " above 0 and at most 1, e.g. 0.95");
        }
    }

    /** An extra vLLM flag: starts with '--', and is not one the server sets itself. */
    public static void requireArgument(String arg) {
        if (arg == null || !arg.startsWith("--")) {
            throw new IllegalArgumentException((arg == null ? "missing" : "'" + arg + "'") + " must be a vLLM flag"
                    + " starting with '--'");
        }
        argumentProblem(arg).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    private static void requireCacheFits(WeightsFileCache cache, int memoryGib, Integer nodeBootDiskGb) {
        cache.memoryProblem(memoryGib).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        if (cache.medium() == FileCacheMedium.BOOT_DISK) {
            if (nodeBootDiskGb == null) {
                throw new IllegalArgumentException("a disk file cache needs the TPU node's boot disk size to be"
                        + " checked against: give nodeBootDiskGb");
            }
            cache.bootDiskProblem(nodeBootDiskGb).ifPresent(problem -> {
                throw new IllegalArgumentException(problem);
            });
        }
    }

    public static VllmTpuServerPropsBuilder builder() {
        return new VllmTpuServerPropsBuilder();
    }
}
