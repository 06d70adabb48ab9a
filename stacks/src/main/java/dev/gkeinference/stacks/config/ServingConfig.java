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
 * @param exportedMetrics model-server gauges exported to the load balancer. Default: {@code vllm:kv_cache_usage_perc}
 *                        as {@code kv-cache}
 * @param gateway         the multi-cluster gateway on the config cluster
 */
public record ServingConfig(String namespace, ModelServer modelServer, Pool pool, EndpointPicker endpointPicker,
        List<Objective> objectives, List<ExportedMetric> exportedMetrics, GatewayConfig gateway) {

    public static final String DEFAULT_NAMESPACE = "inference";
    public static final String DEFAULT_MODEL_SERVER_NAME = "vllm";
    public static final String DEFAULT_MODEL_SERVER_ACCOUNT = "vllm";
    /** vLLM's TPU image, pinned: a moving tag would change what is served without a change to review. */
    public static final String DEFAULT_MODEL_SERVER_IMAGE = "vllm/vllm-tpu:v0.11.1";

    /**
     * The model server.
     *
     * @param name           Deployment name. Default: {@value #DEFAULT_MODEL_SERVER_NAME}
     * @param image          vLLM TPU image with a pinned tag. Default: {@value #DEFAULT_MODEL_SERVER_IMAGE}
     * @param serviceAccount its Kubernetes service account, granted read access to the bucket. Default:
     *                       {@value #DEFAULT_MODEL_SERVER_ACCOUNT}
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
}
