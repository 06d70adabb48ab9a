package dev.gkeinference.stacks;

import dev.gkeinference.constructs.gke.DranetTpuNodePool;
import dev.gkeinference.constructs.gke.NodeServiceAccount;
import dev.gkeinference.constructs.gke.RegionalTpuCluster;
import dev.gkeinference.constructs.gke.RegionalTpuClusterProps;
import dev.gkeinference.stacks.plan.ClusterPlan;
import dev.gkeinference.stacks.plan.StackSettings;
import java.util.Optional;
import software.constructs.Construct;

/**
 * One region's cluster: the regional GKE cluster, its node service account and its DRANET TPU node pool. The
 * cluster requires the GKE versions of what runs on it: managed DRANET (the TPU pool) and, when the gateway balances
 * on a custom metric, custom-metrics load balancing.
 */
public class ClusterStack extends InferenceStack {
    private final ClusterPlan plan;
    private final RegionalTpuCluster cluster;
    private final DranetTpuNodePool tpuPool;

    /**
     * @param customMetricsMinimumVersion the GKE version custom-metrics load balancing needs, when the gateway
     *                                    balances on a custom metric
     */
    public ClusterStack(Construct scope, String id, StackSettings settings, ClusterPlan plan, GlobalStack global,
            Optional<String> customMetricsMinimumVersion) {
        super(scope, id, settings, plan.region());
        this.plan = plan;
        NodeServiceAccount nodes = new NodeServiceAccount(this, "node-sa", settings.project(),
                plan.nodeServiceAccountId(), "GKE nodes of " + plan.name());
        this.cluster = new RegionalTpuCluster(this, "gke", RegionalTpuClusterProps.builder()
                .project(settings.project())
                .name(plan.name())
                .region(plan.region())
                .networkId(global.network().networkId())
                .subnetworkSelfLink(global.network().region(plan.region()).nodeSubnetSelfLink())
                .nodeServiceAccountEmail(nodes.email())
                .releaseChannel(plan.releaseChannel())
                .minimumVersion(plan.minimumVersion())
                .deletionProtection(plan.deletionProtection())
                .labels(plan.labels())
                .systemPool(plan.systemPool())
                .authorizedNetworks(plan.authorizedNetworks())
                .build());
        this.tpuPool = cluster.addTpuNodePool("tpu", plan.tpuPool());
        customMetricsMinimumVersion.ifPresent(version -> cluster.requireVersion(version,
                "custom-metrics load balancing"));
    }

    /** The region's cluster as planned. */
    public ClusterPlan plan() {
        return plan;
    }

    public String region() {
        return plan.region();
    }

    public RegionalTpuCluster cluster() {
        return cluster;
    }

    public DranetTpuNodePool tpuPool() {
        return tpuPool;
    }
}
