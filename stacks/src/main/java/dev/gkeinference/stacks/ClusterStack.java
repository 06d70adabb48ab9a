package dev.gkeinference.stacks;

import dev.gkeinference.constructs.gke.DranetTpuNodePool;
import dev.gkeinference.constructs.gke.ICluster;
import dev.gkeinference.constructs.gke.ImportedClusterProps;
import dev.gkeinference.constructs.gke.NodeServiceAccount;
import dev.gkeinference.constructs.gke.RegionalTpuCluster;
import dev.gkeinference.constructs.gke.RegionalTpuClusterProps;
import dev.gkeinference.stacks.plan.ClusterPlan;
import dev.gkeinference.stacks.plan.StackSettings;
import java.util.Optional;
import software.constructs.Construct;

/**
 * One region's cluster: the regional GKE cluster (new, or an existing one this deployment adds to), the node
 * service account of what it adds and its DRANET TPU node pool. The cluster requires the GKE versions of what runs on it: managed DRANET (the TPU pool) and, when the gateway balances
 * on a custom metric, custom-metrics load balancing.
 */
public class ClusterStack extends InferenceStack {
    private final ClusterPlan plan;
    private final ICluster cluster;
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
        this.cluster = plan.existingCluster() ? existingCluster(settings, plan, global, nodes)
                : newCluster(settings, plan, global, nodes);
        this.tpuPool = cluster.addTpuNodePool("tpu", plan.tpuPool());
        customMetricsMinimumVersion.ifPresent(version -> cluster.requireVersion(version,
                "custom-metrics load balancing"));
    }

    private ICluster newCluster(StackSettings settings, ClusterPlan plan, GlobalStack global,
            NodeServiceAccount nodes) {
        return new RegionalTpuCluster(this, "gke", RegionalTpuClusterProps.builder()
                .project(settings.project())
                .name(plan.name())
                .region(plan.region())
                .network(global.network())
                .subnets(global.network().region(plan.region()))
                .nodeServiceAccountEmail(nodes.email())
                .releaseChannel(plan.releaseChannel())
                .minimumVersion(plan.minimumVersion())
                .deletionProtection(plan.deletionProtection())
                .labels(plan.labels())
                .systemPool(plan.systemPool())
                .authorizedNetworks(plan.authorizedNetworks())
                .build());
    }

    /** The same construct id as a new cluster's: the TPU pool's address does not depend on who made the cluster. */
    private ICluster existingCluster(StackSettings settings, ClusterPlan plan, GlobalStack global,
            NodeServiceAccount nodes) {
        return RegionalTpuCluster.fromClusterName(this, "gke", ImportedClusterProps.builder()
                .project(settings.project())
                .name(plan.name())
                .region(plan.region())
                .networkName(global.network().networkName())
                .nodeServiceAccountEmail(nodes.email())
                .labels(plan.labels())
                .minimumVersion(plan.minimumVersion())
                .build());
    }

    /** The region's cluster as planned. */
    public ClusterPlan plan() {
        return plan;
    }

    public String region() {
        return plan.region();
    }

    public ICluster cluster() {
        return cluster;
    }

    public DranetTpuNodePool tpuPool() {
        return tpuPool;
    }
}
