package dev.gkeinference.stacks.config;

import dev.gkeinference.constructs.inference.AutoscalingMetricSchema;
import dev.gkeinference.constructs.inference.EndpointPickerProps;
import dev.gkeinference.constructs.inference.FileCacheMedium;
import dev.gkeinference.constructs.inference.InferenceObjectiveGroup;
import dev.gkeinference.constructs.inference.MetricExport;
import dev.gkeinference.constructs.inference.PickerFailureMode;
import dev.gkeinference.constructs.inference.VllmTpuServerProps;
import dev.gkeinference.constructs.inference.WeightsFileCache;
import java.nio.file.Path;
import java.util.List;

/**
 * How the model is served in every cluster and reached through the gateway ({@code serving:} in the config). Pool
 * and objective names are the same in every cluster: the multi-cluster gateway merges the pools by name.
 *
 * @param namespace       namespace of every serving object. Default: {@code inference}
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
    /**
     * vLLM's TPU image, pinned: a moving tag would change what is served without a change to review. v0.23.0 is the
     * newest release tag a Google sample pins (kubernetes-engine-samples, ai-ml/gke-ray/rayserve/llm/tpu).
     */
    public static final String DEFAULT_MODEL_SERVER_IMAGE = "vllm/vllm-tpu:v0.23.0";

    /**
     * The model server.
     *
     * @param name           Deployment name. Default: {@code vllm}
     * @param image          vLLM TPU image with a pinned tag. Default: {@value #DEFAULT_MODEL_SERVER_IMAGE}
     * @param serviceAccount its Kubernetes service account, granted read access to the bucket. Default: {@code vllm}
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

        EndpointPicker withJar(String otherJar) {
            return new EndpointPicker(source, otherJar, jreImage, image, serviceAccount, failureMode);
        }
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

    public static final ServingConfig DEFAULTS = new ServingConfig(null, null, null, null, null, null, null, null,
            null);

    public ServingConfig {
        modelServer = modelServer == null ? new ModelServer(null, null, null, null, null, null, null) : modelServer;
        pool = pool == null ? new Pool(null) : pool;
        endpointPicker = endpointPicker == null
                ? new EndpointPicker(null, null, null, null, null, null) : endpointPicker;
        objectives = objectives == null ? List.of() : List.copyOf(objectives);
        MetricExport kvCache = MetricExport.VLLM_KV_CACHE;
        exportedMetrics = exportedMetrics == null
                ? List.of(new ExportedMetric(kvCache.name(), kvCache.exportName()))
                : List.copyOf(exportedMetrics);
        gateway = gateway == null ? GatewayConfig.DEFAULTS : gateway;
    }

    public String effectiveNamespace() {
        return namespace == null ? DEFAULT_NAMESPACE : namespace;
    }

    public String modelServerName() {
        return modelServer.name() == null ? "vllm" : modelServer.name();
    }

    public String modelServerImage() {
        return modelServer.image() == null ? DEFAULT_MODEL_SERVER_IMAGE : modelServer.image();
    }

    public String modelServerServiceAccount() {
        return modelServer.serviceAccount() == null ? "vllm" : modelServer.serviceAccount();
    }

    /** The pool name; without one in the file, the deployment name. */
    public String poolName(DeploymentConfig config) {
        return pool.name() == null ? config.deploymentName() : pool.name();
    }

    /** The same serving settings with another picker jar. */
    public ServingConfig withPickerJar(String jar) {
        return new ServingConfig(namespace, modelServer, pool, endpointPicker.withJar(jar), objectives,
                objectiveGroup, exportedMetrics, autoscalingMetricSchema, gateway);
    }

    /** {@value EndpointPicker#BUNDLED} or {@value EndpointPicker#UPSTREAM} (or what the file says, until validated). */
    public String pickerSource() {
        return endpointPicker.source() == null ? EndpointPicker.BUNDLED : endpointPicker.source();
    }

    /** Whether the picker is the bundled routing-plugin jar; call after validation. */
    public boolean pickerBundled() {
        return EndpointPicker.BUNDLED.equals(pickerSource());
    }

    /** The plugin jar, resolved against the working directory. */
    public Path pickerJar() {
        return Path.of(endpointPicker.jar() == null ? DEFAULT_PICKER_JAR : endpointPicker.jar()).toAbsolutePath()
                .normalize();
    }

    public String pickerJreImage() {
        return endpointPicker.jreImage() == null ? DEFAULT_PICKER_JRE_IMAGE : endpointPicker.jreImage();
    }

    /** The upstream picker image. */
    public String pickerImage() {
        return endpointPicker.image() == null ? EndpointPickerProps.UPSTREAM_IMAGE : endpointPicker.image();
    }

    public String pickerServiceAccount(DeploymentConfig config) {
        return endpointPicker.serviceAccount() == null
                ? EndpointPickerProps.defaultName(poolName(config)) : endpointPicker.serviceAccount();
    }

    /** The failure mode; call after validation. */
    public PickerFailureMode pickerFailureMode() {
        return endpointPicker.failureMode() == null
                ? PickerFailureMode.FAIL_OPEN : PickerFailureMode.fromValue(endpointPicker.failureMode());
    }

    /** The exported metrics; call after validation. */
    public List<MetricExport> metricExports() {
        return exportedMetrics.stream().map(m -> new MetricExport(m.name(), m.exportName())).toList();
    }

    /** The objectives' API group; call after validation. */
    public InferenceObjectiveGroup effectiveObjectiveGroup() {
        return objectiveGroup == null
                ? InferenceObjectiveGroup.LLM_D : InferenceObjectiveGroup.fromGroup(objectiveGroup);
    }

    /** The AutoscalingMetric form; call after validation. */
    public AutoscalingMetricSchema effectiveAutoscalingMetricSchema() {
        return autoscalingMetricSchema == null
                ? AutoscalingMetricSchema.CURRENT : AutoscalingMetricSchema.fromValue(autoscalingMetricSchema);
    }

    /** The weights file cache; call after validation. */
    public WeightsFileCache effectiveWeightsCache() {
        WeightsCache cache = modelServer.weightsCache();
        if (cache == null) {
            return VllmTpuServerProps.DEFAULT_WEIGHTS_CACHE;
        }
        FileCacheMedium medium = FileCacheMedium.fromValue(cache.medium());
        return new WeightsFileCache(medium, medium == FileCacheMedium.NONE ? 0 : cache.sizeGi());
    }
}
