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
import software.constructs.Construct;

/**
 * One region's serving workload: the DRANET claim template, the vLLM TPU server and its Service, the KV-cache
 * metric export, the exported InferencePool with its endpoint picker, and the pool's InferenceObjectives.
 */
public class WorkloadStack extends InferenceStack {
    private final VllmTpuServer modelServer;
    private final InferencePool pool;
    private final EndpointPicker picker;
    private final List<InferenceObjective> objectives = new ArrayList<>();

    /**
     * @param fleet the fleet features; the workload follows them so that {@code cdktf destroy} removes the exported
     *              pools before the features (gateway, workloads, fleet features, clusters, network)
     */
    public WorkloadStack(Construct scope, String id, DeploymentConfig config, ClusterStack cluster,
            PlatformStack platform, FleetStack fleet) {
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
                .selector(modelServer.podLabels()).metrics(serving.metricExports()).build());
        this.picker = new EndpointPicker(this, "endpoint-picker", EndpointPickerProps.builder()
                .poolName(poolName).namespace(ns)
                .serviceAccountName(serving.pickerServiceAccount(config))
                .image(serving.pickerImage()).build());
        this.pool = new InferencePool(this, "pool", InferencePoolProps.builder()
                .name(poolName).namespace(ns).selector(modelServer.podLabels())
                .pickerServiceName(picker.service().name())
                .failureMode(serving.pickerFailureMode()).build());
        for (ServingConfig.Objective objective : serving.objectives()) {
            objectives.add(new InferenceObjective(this, "objective-" + objective.name(),
                    new InferenceObjectiveProps(objective.name(), ns, poolName, objective.priority())));
        }
        addDependency(platform);
        addDependency(fleet);
    }

    private static VllmTpuServerProps modelServerProps(DeploymentConfig config, RegionConfig region,
            NetworkDeviceClaimTemplate claim) {
        ServingConfig serving = config.serving();
        ModelConfig model = config.model();
        TpuConfig tpu = region.tpu();
        TpuSlice slice = new TpuSlice(tpu.machineType(), tpu.topology());
        return VllmTpuServerProps.builder()
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
