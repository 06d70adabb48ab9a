package dev.gkeinference.stacks.config;

import java.util.List;

/**
 * How the model is served in every cluster and reached through the gateway ({@code serving:} in the config), as the
 * file writes it. Pool and objective names are the same in every cluster: the multi-cluster gateway merges the
 * pools by name. The defaults below are applied when the config is resolved.
 *
 * @param namespace       namespace of every serving object. Default: {@value #DEFAULT_NAMESPACE}
 * @param modelServer     the vLLM Deployment
 * @param pool            the InferencePool
 * @param endpointPicker  the pool's endpoint picker
 * @param objectives      InferenceObjectives of the pool (name, priority). Default: none
 * @param objectiveGroup  API group of the objectives (and of the one CRD installed): {@code llm-d.ai} or the legacy
 *                        {@code inference.networking.x-k8s.io}. Default: {@code llm-d.ai}
 * @param exportedMetrics model-server gauges exported to the load balancer. Default: {@code vllm:kv_cache_usage_perc}
 *                        as {@code kv-cache}
 * @param autoscalingMetricSchema the AutoscalingMetric form: {@code current} (GKE 1.35.1-gke.1396000 and later) or
 *                        {@code legacy} for older clusters. Default: current
 * @param gateway         the multi-cluster gateway on the config cluster
 */
public record ServingConfig(String namespace, ModelServer modelServer, Pool pool, EndpointPicker endpointPicker,
        List<Objective> objectives, String objectiveGroup, List<ExportedMetric> exportedMetrics,
        String autoscalingMetricSchema, GatewayConfig gateway) {

    public static final String DEFAULT_NAMESPACE = "inference";
    public static final String DEFAULT_MODEL_SERVER_NAME = "vllm";
    public static final String DEFAULT_MODEL_SERVER_ACCOUNT = "vllm";
    /**
     * vLLM's TPU image, pinned: a moving tag would change what is served without a change to review. v0.23.0 is the
     * newest release tag a Google sample pins (kubernetes-engine-samples, ai-ml/gke-ray/rayserve/llm/tpu).
     */
    public static final String DEFAULT_MODEL_SERVER_IMAGE = "vllm/vllm-tpu:v0.23.0";

    /**
     * The model server.
     *
     * @param name           Deployment name. Default: {@value #DEFAULT_MODEL_SERVER_NAME}
     * @param image          vLLM TPU image with a pinned tag. Default: {@value #DEFAULT_MODEL_SERVER_IMAGE}
     * @param serviceAccount its Kubernetes service account, granted read access to the bucket. Default:
     *                       {@value #DEFAULT_MODEL_SERVER_ACCOUNT}
     * @param maxModelLen    vLLM {@code --max-model-len}. Default: the model's own maximum
     * @param gpuMemoryUtilization vLLM {@code --gpu-memory-utilization}. Default: the model server's (0.95)
     * @param memoryGi       memory request (GiB) of the vLLM container; covers an in-memory file cache. Default: the
     *                       cache plus vLLM's own 40 GiB
     * @param weightsCache   the file cache of the weights. Default: the model server's (64 GiB in memory)
     */
    public record ModelServer(String name, String image, String serviceAccount, Integer maxModelLen,
            Double gpuMemoryUtilization, Integer memoryGi, WeightsCache weightsCache) {
    }

    /**
     * The Cloud Storage FUSE file cache of the weights.
     *
     * @param medium {@code memory} (a memory-backed volume counted in the pod's memory request), {@code bootDisk}
     *               (the TPU node's boot disk, which must hold it) or {@code none}
     * @param sizeGi cache size in GiB, with memory or bootDisk
     */
    public record WeightsCache(String medium, Integer sizeGi) {
    }

    /**
     * The InferencePool.
     *
     * @param name pool name; also the name of the GCPInferencePoolImport on the config cluster. Default: the
     *             deployment name
     */
    public record Pool(String name) {
    }

    /**
     * The endpoint picker.
     *
     * @param source         {@value #BUNDLED}: the project's routing-plugin jar, uploaded to the model bucket and run
     *                       on a stock JRE image; {@value #UPSTREAM}: the upstream picker image. Default: bundled
     * @param jar            with {@code bundled}, the plugin jar, relative to the working directory. Default:
     *                       {@value #DEFAULT_PICKER_JAR}
     * @param jreImage       with {@code bundled}, the JRE image, pinned. Default: {@value #DEFAULT_PICKER_JRE_IMAGE}
     * @param image          with {@code upstream}, the picker image, pinned. Default: llm-d-router's
     *                       {@code ghcr.io/llm-d/llm-d-router-endpoint-picker:v0.10.0}
     * @param serviceAccount Default: {@code <pool>-epp}
     * @param failureMode    {@code FailOpen} or {@code FailClose}. Default: FailOpen
     */
    public record EndpointPicker(String source, String jar, String jreImage, String image, String serviceAccount,
            String failureMode) {
        public static final String BUNDLED = "bundled";
        public static final String UPSTREAM = "upstream";
    }

    /** Where {@code mvn install} (and {@code ./dev synth}) builds the routing plugin, from the repository root. */
    public static final String DEFAULT_PICKER_JAR = "routing-plugin/target/routing-plugin.jar";
    /**
     * Eclipse Temurin 17.0.13+11, the JRE the plugin is built for (Java release 17), pinned to its exact version tag
     * so a rebuild of the picker pod runs the same JVM.
     */
    public static final String DEFAULT_PICKER_JRE_IMAGE = "eclipse-temurin:17.0.13_11-jre";

    /**
     * An InferenceObjective.
     *
     * @param name     the value clients send in {@code x-llm-d-inference-objective}
     * @param priority higher is served first. Default: unset (0)
     */
    public record Objective(String name, Integer priority) {
    }

    /**
     * A model-server gauge exported to the load balancer as {@code gke.named_metrics.<exportName>}.
     *
     * @param name       the Prometheus metric, e.g. {@code vllm:kv_cache_usage_perc}
     * @param exportName at most 64 characters of {@code [a-z]([-_.a-z0-9]*[a-z0-9])?}
     */
    public record ExportedMetric(String name, String exportName) {
    }
}
