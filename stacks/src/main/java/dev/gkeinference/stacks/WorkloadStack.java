package dev.gkeinference.stacks;

import dev.gkeinference.constructs.gke.DranetTpuNodePoolProps;
import dev.gkeinference.constructs.inference.AutoscalingMetric;
import dev.gkeinference.constructs.inference.AutoscalingMetricProps;
import dev.gkeinference.constructs.inference.EndpointPicker;
import dev.gkeinference.constructs.inference.EndpointPickerProps;
import dev.gkeinference.constructs.inference.EndpointPickerPropsBuilder;
import dev.gkeinference.constructs.inference.InferenceObjective;
import dev.gkeinference.constructs.inference.InferenceObjectiveProps;
import dev.gkeinference.constructs.inference.InferencePool;
import dev.gkeinference.constructs.inference.InferencePoolProps;
import dev.gkeinference.constructs.inference.VllmTpuServer;
import dev.gkeinference.constructs.inference.VllmTpuServerProps;
import dev.gkeinference.constructs.kubernetes.NetworkDeviceClaimTemplate;
import dev.gkeinference.constructs.kubernetes.NetworkDeviceClaimTemplateProps;
import dev.gkeinference.constructs.tpu.TpuSlice;
import dev.gkeinference.stacks.plan.ServingPlan;
import dev.gkeinference.stacks.plan.StackSettings;
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
    /** The gRPC health service both pickers answer SERVING while the process runs. */
    static final String LIVENESS_SERVICE = "liveness";
    /** The plugin's, leader or standby: both replicas stay Ready (rollouts proceed); the gateway's check on "" finds the leader. */
    static final String BUNDLED_READINESS_SERVICE = "synced";
    /**
     * Either picker: active-passive replicas with a Lease ({@value #LEADER_ELECTION_FLAG}), so one prefix index sees
     * all traffic and a standby takes over in seconds.
     */
    static final int PICKER_REPLICAS = 2;
    static final String LEADER_ELECTION_FLAG = "--ha-enable-leader-election";
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
    public WorkloadStack(Construct scope, String id, StackSettings settings, ServingPlan serving,
            ClusterStack cluster, PlatformStack platform, FleetStack fleet, Optional<String> pickerJarObject) {
        super(scope, id, settings, cluster.region());
        KubernetesAccess.connect(this, cluster.cluster());
        String ns = serving.namespace();
        NetworkDeviceClaimTemplate claim = new NetworkDeviceClaimTemplate(this, "netdev-claim",
                NetworkDeviceClaimTemplateProps.builder().namespace(ns).build());
        this.modelServer = new VllmTpuServer(this, "model-server",
                modelServerProps(serving, cluster.plan().tpuPool(), claim));
        // Pods of the Deployment reference the template; without it they stay pending.
        modelServer.deployment().applyAfter(claim.resource());
        new AutoscalingMetric(this, "metric-export", AutoscalingMetricProps.builder()
                .name(serving.modelServer().name() + "-metrics").namespace(ns)
                .selector(modelServer.podLabels()).metrics(serving.exportedMetrics())
                .schema(serving.autoscalingMetricSchema()).build());
        this.picker = new EndpointPicker(this, "endpoint-picker", pickerProps(serving, pickerJarObject));
        this.pool = new InferencePool(this, "pool", InferencePoolProps.builder()
                .name(serving.poolName()).namespace(ns).selector(modelServer.podLabels())
                .picker(picker)
                .failureMode(serving.picker().failureMode()).build());
        for (InferenceObjectiveProps objective : serving.objectives()) {
            objectives.add(new InferenceObjective(this, "objective-" + objective.name(), objective));
        }
        addDependency(platform);
        addDependency(fleet);
    }

    /**
     * The upstream image, or the bundled jar on the JRE image. The jar's object name carries its content hash, so a
     * new jar changes the container command and the Deployment rolls.
     */
    static EndpointPickerProps pickerProps(ServingPlan serving, Optional<String> pickerJarObject) {
        EndpointPickerPropsBuilder props = pickerJarObject.map(jar -> bundledPicker(serving, jar))
                .orElseGet(() -> upstreamPicker(serving));
        return props.poolName(serving.poolName()).namespace(serving.namespace())
                .serviceAccountName(serving.picker().serviceAccount()).replicas(PICKER_REPLICAS).build();
    }

    /**
     * Its readiness service is SERVING on the leader only: as the pods' probe it would keep a new replica unready
     * behind the old leader and stall every rolling update. Pods are Ready while alive; the gateway's gRPC check on
     * "" finds the leader.
     */
    private static EndpointPickerPropsBuilder upstreamPicker(ServingPlan serving) {
        List<String> args = new ArrayList<>(EndpointPickerProps.upstreamArgs(serving.poolName(), serving.namespace()));
        args.add(LEADER_ELECTION_FLAG);
        return EndpointPickerProps.builder().image(serving.picker().image()).args(args)
                .livenessService(LIVENESS_SERVICE).readinessService(LIVENESS_SERVICE);
    }

    private static EndpointPickerPropsBuilder bundledPicker(ServingPlan serving, String jarObject) {
        // The bucket name as a plain value, as for the model server: known at synth time, no remote-state read.
        return EndpointPickerProps.jarFromBucket(serving.picker().jreImage(), serving.bucketName(), jarObject,
                        bundledPickerArgs(serving.poolName(), serving.namespace()))
                .livenessService(LIVENESS_SERVICE).readinessService(BUNDLED_READINESS_SERVICE)
                // A stopping picker drains, then its open streams may last as long as the gateway lets a request.
                .terminationGracePeriodSeconds(BUNDLED_PICKER_DRAIN_SECONDS + serving.gateway().timeoutSec());
    }

    /** The routing plugin's flags for this pool; the ext_proc port keeps its default TLS (self-signed). */
    static List<String> bundledPickerArgs(String poolName, String namespace) {
        return List.of(
                "--pool-name", poolName,
                "--pool-namespace", namespace,
                "--grpc-port", Integer.toString(EndpointPicker.EXT_PROC_PORT),
                "--grpc-health-port", Integer.toString(EndpointPicker.HEALTH_PORT),
                "--metrics-port", Integer.toString(EndpointPicker.METRICS_PORT),
                LEADER_ELECTION_FLAG,
                "--drain-timeout", BUNDLED_PICKER_DRAIN_SECONDS + "s");
    }

    private static VllmTpuServerProps modelServerProps(ServingPlan serving, DranetTpuNodePoolProps tpuPool,
            NetworkDeviceClaimTemplate claim) {
        ServingPlan.ModelServer server = serving.modelServer();
        TpuSlice slice = tpuPool.slice();
        return VllmTpuServerProps.builder()
                .name(server.name())
                .namespace(serving.namespace())
                .serviceAccountName(server.serviceAccount())
                .image(server.image())
                // one pod per single-host slice node
                .replicas(tpuPool.nodeCount())
                // The bucket name as a plain value: the bucket is in the global stack, which this stack already
                // follows, and a reference would add a remote-state read for a name known at synth time.
                .bucketName(serving.bucketName())
                .modelPath(server.weightsPath())
                .servedModelName(server.servedModelName())
                .extraArgs(server.servingArgs())
                .tpuAccelerator(TpuSlice.ACCELERATOR)
                .tpuTopology(slice.topology())
                .tpuChips(slice.chipsPerHost())
                .claimTemplateName(claim.name())
                .maxModelLen(server.maxModelLen())
                .gpuMemoryUtilization(server.gpuMemoryUtilization())
                .weightsCache(server.weightsCache())
                .memoryGib(server.memoryGib())
                .nodeBootDiskGb(tpuPool.bootDiskSizeGb())
                .build();
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
