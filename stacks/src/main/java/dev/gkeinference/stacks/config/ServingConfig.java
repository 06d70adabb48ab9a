package dev.gkeinference.stacks.config;

import dev.gkeinference.constructs.inference.EndpointPickerProps;
import dev.gkeinference.constructs.inference.MetricExport;
import dev.gkeinference.constructs.inference.PickerFailureMode;
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
 * @param exportedMetrics model-server gauges exported to the load balancer. Default: {@code vllm:kv_cache_usage_perc}
 *                        as {@code kv-cache}
 * @param gateway         the multi-cluster gateway on the config cluster
 */
public record ServingConfig(String namespace, ModelServer modelServer, Pool pool, EndpointPicker endpointPicker,
        List<Objective> objectives, List<ExportedMetric> exportedMetrics, GatewayConfig gateway) {

    public static final String DEFAULT_NAMESPACE = "inference";
    /** vLLM's TPU image, pinned: a moving tag would change what is served without a change to review. */
    public static final String DEFAULT_MODEL_SERVER_IMAGE = "vllm/vllm-tpu:v0.11.1";

    /**
     * The model server.
     *
     * @param name           Deployment name. Default: {@code vllm}
     * @param image          vLLM TPU image with a pinned tag. Default: {@value #DEFAULT_MODEL_SERVER_IMAGE}
     * @param serviceAccount its Kubernetes service account, granted read access to the bucket. Default: {@code vllm}
     */
    public record ModelServer(String name, String image, String serviceAccount) {
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
     * @param image          with {@code upstream}, the picker image. Default: the upstream
     *                       {@code registry.k8s.io/gateway-api-inference-extension/epp:v1.5.0}
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
     * @param name     the value clients send in {@code x-gateway-inference-objective}
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

    public static final ServingConfig DEFAULTS = new ServingConfig(null, null, null, null, null, null, null);

    public ServingConfig {
        modelServer = modelServer == null ? new ModelServer(null, null, null) : modelServer;
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
                exportedMetrics, gateway);
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
}
