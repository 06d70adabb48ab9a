package dev.gkeinference.stacks;

import dev.gkeinference.constructs.inference.AutoscalingMetric;
import dev.gkeinference.constructs.inference.AutoscalingMetricProps;
import dev.gkeinference.constructs.inference.EndpointPicker;
import dev.gkeinference.constructs.inference.EndpointPickerProps;
import dev.gkeinference.constructs.inference.InferenceObjective;
import dev.gkeinference.constructs.inference.InferenceObjectiveProps;
import dev.gkeinference.constructs.inference.InferencePool;
import dev.gkeinference.constructs.inference.InferencePoolProps;
import dev.gkeinference.constructs.inference.VllmTpuServer;
import dev.gkeinference.constructs.inference.VllmTpuServerProps;
import dev.gkeinference.constructs.kubernetes.NetworkDeviceClaimTemplate;
import dev.gkeinference.constructs.kubernetes.NetworkDeviceClaimTemplateProps;
import dev.gkeinference.constructs.tpu.TpuSlice;
import dev.gkeinference.stacks.config.DeploymentConfig;
import dev.gkeinference.stacks.config.ModelConfig;
import dev.gkeinference.stacks.config.RegionConfig;
import dev.gkeinference.stacks.config.ServingConfig;
import dev.gkeinference.stacks.config.TpuConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.constructs.Construct;

/**
 * One region's serving workload: the DRANET claim template, the vLLM TPU server and its Service, the KV-cache
 * metric export (AutoscalingMetric, current or legacy form), the exported InferencePool with its endpoint picker
 * (the bundled routing-plugin jar on a JRE image, or the upstream llm-d picker image), and the pool's
 * InferenceObjectives in the configured API group.
 */
public class WorkloadStack extends InferenceStack {
    /** The gRPC health services the routing plugin serves on its health port. */
    static final String BUNDLED_LIVENESS_SERVICE = "liveness";
    /** Leader or standby: both replicas stay Ready (rollouts proceed); the gateway's check on "" finds the leader. */
    static final String BUNDLED_READINESS_SERVICE = "synced";
    /** Active-passive replicas with a Lease: one prefix index sees all traffic, a standby takes over in seconds. */
    static final int BUNDLED_PICKER_REPLICAS = 2;
    /** How long a stopping picker keeps serving after it reports NOT_SERVING: the plugin's and upstream's default. */
    static final int BUNDLED_PICKER_DRAIN_SECONDS = 30;

    private final VllmTpuServer modelServer;
    private final InferencePool pool;
    private final EndpointPicker picker;
    private final List<InferenceObjective> objectives = new ArrayList<>();

    /**
     * @param fleet the fleet features; the workload follows them so that {@code cdktf destroy} removes the exported
     *              pools before the features (gateway, workloads, fleet features, clusters, network)
     * @param pickerJarObject with the bundled picker, the routing-plugin jar's object in the model bucket (see
     *              {@link GlobalStack#pickerJar()}); empty with the upstream picker image
     */
    public WorkloadStack(Construct scope, String id, DeploymentConfig config, ClusterStack cluster,
            PlatformStack platform, FleetStack fleet, Optional<String> pickerJarObject) {
        super(scope, id, config, cluster.region().region());
        KubernetesAccess.connect(this, cluster.cluster());
        ServingConfig serving = config.serving();
        String ns = serving.effectiveNamespace();
        String poolName = serving.poolName(config);
        NetworkDeviceClaimTemplate claim = new NetworkDeviceClaimTemplate(this, "netdev-claim",
                NetworkDeviceClaimTemplateProps.builder().namespace(ns).build());
        this.modelServer = new VllmTpuServer(this, "model-server", modelServerProps(config, cluster.region(), claim));
        // Pods of the Deployment reference the template; without it they stay pending.
        modelServer.deployment().applyAfter(claim.resource());
        new AutoscalingMetric(this, "metric-export", AutoscalingMetricProps.builder()
                .name(serving.modelServerName() + "-metrics").namespace(ns)
                .selector(modelServer.podLabels()).metrics(serving.metricExports())
                .schema(serving.effectiveAutoscalingMetricSchema()).build());
        this.picker = new EndpointPicker(this, "endpoint-picker", pickerProps(config, pickerJarObject));
        this.pool = new InferencePool(this, "pool", InferencePoolProps.builder()
                .name(poolName).namespace(ns).selector(modelServer.podLabels())
                .pickerServiceName(picker.service().name())
                .failureMode(serving.pickerFailureMode()).build());
        for (ServingConfig.Objective objective : serving.objectives()) {
            objectives.add(new InferenceObjective(this, "objective-" + objective.name(),
                    InferenceObjectiveProps.builder().name(objective.name()).namespace(ns).poolName(poolName)
                            .priority(objective.priority()).group(serving.effectiveObjectiveGroup()).build()));
        }
        addDependency(platform);
        addDependency(fleet);
    }

    /**
     * The upstream image, or the bundled jar on the JRE image. The jar's object name carries its content hash, so a
     * new jar changes the container command and the Deployment rolls.
     */
    static EndpointPickerProps pickerProps(DeploymentConfig config, Optional<String> pickerJarObject) {
        ServingConfig serving = config.serving();
        String poolName = serving.poolName(config);
        String ns = serving.effectiveNamespace();
        EndpointPickerProps.Builder props = EndpointPickerProps.builder().poolName(poolName).namespace(ns)
                .serviceAccountName(serving.pickerServiceAccount(config));
        if (pickerJarObject.isEmpty()) {
            return props.image(serving.pickerImage()).build();
        }
        // The bucket name as a plain value, as for the model server: known at synth time, no remote-state read.
        return props.jarFromBucket(serving.pickerJreImage(), config.bucketName(), pickerJarObject.get(),
                        bundledPickerArgs(poolName, ns))
                .healthServices(BUNDLED_LIVENESS_SERVICE, BUNDLED_READINESS_SERVICE)
                .replicas(BUNDLED_PICKER_REPLICAS)
                // A stopping picker drains, then its open streams may last as long as the gateway lets a request.
                .terminationGracePeriodSeconds(BUNDLED_PICKER_DRAIN_SECONDS + serving.gateway().timeoutSec())
                .build();
    }

    /** The routing plugin's flags for this pool; the ext_proc port keeps its default TLS (self-signed). */
    static List<String> bundledPickerArgs(String poolName, String namespace) {
        return List.of(
                "--pool-name", poolName,
                "--pool-namespace", namespace,
                "--grpc-port", Integer.toString(EndpointPicker.EXT_PROC_PORT),
                "--grpc-health-port", Integer.toString(EndpointPicker.HEALTH_PORT),
                "--metrics-port", Integer.toString(EndpointPicker.METRICS_PORT),
                "--ha-enable-leader-election",
                "--drain-timeout", BUNDLED_PICKER_DRAIN_SECONDS + "s");
    }

    private static VllmTpuServerProps modelServerProps(DeploymentConfig config, RegionConfig region,
            NetworkDeviceClaimTemplate claim) {
        ServingConfig serving = config.serving();
        ModelConfig model = config.model();
        TpuConfig tpu = region.tpu();
        TpuSlice slice = new TpuSlice(tpu.machineType(), tpu.topology());
        ServingConfig.ModelServer server = serving.modelServer();
        VllmTpuServerProps.Builder props = VllmTpuServerProps.builder()
                .name(serving.modelServerName())
                .namespace(serving.effectiveNamespace())
                .serviceAccountName(serving.modelServerServiceAccount())
                .image(serving.modelServerImage())
                // one pod per single-host slice node
                .replicas(tpu.nodeCount() == null ? slice.hosts() : tpu.nodeCount())
                // The bucket name as a plain value: the bucket is in the global stack, which this stack already
                // follows, and a reference would add a remote-state read for a name known at synth time.
                .bucketName(config.bucketName())
                .modelPath(model.weightsPath())
                .servedModelName(model.name())
                .extraArgs(model.servingArgs() == null ? List.of() : model.servingArgs())
                .tpuAccelerator(TpuSlice.ACCELERATOR)
                .tpuTopology(slice.topology())
                .tpuChips(slice.chipsPerHost())
                .claimTemplateName(claim.name())
                .maxModelLen(server.maxModelLen())
                .weightsCache(serving.effectiveWeightsCache())
                .memoryGib(server.memoryGi())
                .nodeBootDiskGb(tpu.bootDiskSizeGb());
        if (server.gpuMemoryUtilization() != null) {
            props.gpuMemoryUtilization(server.gpuMemoryUtilization());
        }
        return props.build();
    }

    public VllmTpuServer modelServer() {
        return modelServer;
    }

    public InferencePool pool() {
        return pool;
    }

    public EndpointPicker picker() {
        return picker;
    }

    public List<InferenceObjective> objectives() {
        return List.copyOf(objectives);
    }
}
