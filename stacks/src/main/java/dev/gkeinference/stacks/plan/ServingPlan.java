package dev.gkeinference.stacks.plan;

import dev.gkeinference.constructs.gateway.BalancingMode;
import dev.gkeinference.constructs.gateway.GatewayAddress;
import dev.gkeinference.constructs.inference.AutoscalingMetricSchema;
import dev.gkeinference.constructs.inference.InferenceObjectiveGroup;
import dev.gkeinference.constructs.inference.InferenceObjectiveProps;
import dev.gkeinference.constructs.inference.MetricExport;
import dev.gkeinference.constructs.inference.PickerFailureMode;
import dev.gkeinference.constructs.inference.WeightsFileCache;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the model is served in every cluster and reached through the gateway, every value final. Pool and objective
 * names are the same in every cluster: the multi-cluster gateway merges the pools by name.
 *
 * @param namespace       namespace of every serving object
 * @param bucketName      the model-weights bucket, mounted through Cloud Storage FUSE
 * @param modelServer     the vLLM Deployment
 * @param poolName        the InferencePool (and the GCPInferencePoolImport on the config cluster)
 * @param picker          the pool's endpoint picker
 * @param objectives      the pool's InferenceObjectives
 * @param objectiveGroup  the objectives' API group, and that of the one objective CRD installed
 * @param exportedMetrics model-server gauges exported to the load balancer
 * @param autoscalingMetricSchema the AutoscalingMetric form
 * @param gateway         the multi-cluster gateway on the config cluster
 */
public record ServingPlan(String namespace, String bucketName, ModelServer modelServer, String poolName,
        Picker picker, List<InferenceObjectiveProps> objectives, InferenceObjectiveGroup objectiveGroup,
        List<MetricExport> exportedMetrics, AutoscalingMetricSchema autoscalingMetricSchema, Gateway gateway) {

    public ServingPlan {
        objectives = List.copyOf(objectives);
        exportedMetrics = List.copyOf(exportedMetrics);
    }

    /**
     * The GKE version every cluster needs for custom-metrics load balancing, when the gateway balances on a custom
     * metric; it follows the AutoscalingMetric form (the legacy form works from an older GKE).
     */
    public Optional<String> customMetricsMinimumVersion() {
        return gateway.balancingMode() instanceof BalancingMode.CustomMetrics
                ? Optional.of(autoscalingMetricSchema.minimumGkeVersion()) : Optional.empty();
    }

    /**
     * The vLLM model server.
     *
     * @param name            Deployment name
     * @param image           pinned vLLM TPU image
     * @param serviceAccount  Kubernetes service account, granted read access to the bucket
     * @param servedModelName the model name clients send
     * @param weightsPath     folder of the weights in the bucket
     * @param servingArgs     extra vLLM arguments
     * @param maxModelLen     vLLM {@code --max-model-len}; null: the model's own maximum
     * @param gpuMemoryUtilization vLLM {@code --gpu-memory-utilization}
     * @param memoryGib       memory request (GiB) of the vLLM container
     * @param weightsCache    the Cloud Storage FUSE file cache of the weights
     */
    public record ModelServer(String name, String image, String serviceAccount, String servedModelName,
            String weightsPath, List<String> servingArgs, Integer maxModelLen, double gpuMemoryUtilization,
            int memoryGib, WeightsFileCache weightsCache) {
        public ModelServer {
            servingArgs = List.copyOf(servingArgs);
        }
    }

    /**
     * The endpoint picker.
     *
     * @param jar            with the bundled picker, the routing-plugin jar (absolute); empty with the upstream image
     * @param jreImage       with the bundled picker, the pinned JRE image it runs on
     * @param image          with the upstream picker, its image
     * @param serviceAccount its Kubernetes service account
     * @param failureMode    what the gateway does when the picker does not answer
     */
    public record Picker(Optional<Path> jar, String jreImage, String image, String serviceAccount,
            PickerFailureMode failureMode) {

        public boolean bundled() {
            return jar.isPresent();
        }
    }

    /**
     * The gateway.
     *
     * @param name              Gateway name
     * @param reservedAddresses per region, the reserved internal address of its VIP; other regions get an ephemeral one
     * @param balancingMode     how the load balancer balances between clusters
     * @param timeoutSec        backend timeout
     */
    public record Gateway(String name, Map<String, String> reservedAddresses, BalancingMode balancingMode,
            int timeoutSec) {

        public Gateway {
            reservedAddresses = Map.copyOf(reservedAddresses);
        }

        /** One address per region, in the order of the regions. */
        public List<GatewayAddress> addresses(List<String> regions) {
            return regions.stream().map(region -> reservedAddresses.containsKey(region)
                    ? GatewayAddress.reserved(region, reservedAddresses.get(region))
                    : GatewayAddress.ephemeral(region)).toList();
        }
    }
}
