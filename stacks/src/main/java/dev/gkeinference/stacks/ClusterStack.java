package dev.gkeinference.stacks;

import dev.gkeinference.constructs.gke.DranetTpuNodePool;
import dev.gkeinference.constructs.gke.NodeServiceAccount;
import dev.gkeinference.constructs.gke.RegionalTpuCluster;
import dev.gkeinference.constructs.gke.RegionalTpuClusterProps;
import dev.gkeinference.stacks.plan.ClusterPlan;
import dev.gkeinference.stacks.plan.StackSettings;
import software.constructs.Construct;

/** One region's cluster: the regional GKE cluster, its node service account and its DRANET TPU node pool. */
public class ClusterStack extends InferenceStack {
    private final ClusterPlan plan;
    private final RegionalTpuCluster cluster;
    private final DranetTpuNodePool tpuPool;

    public ClusterStack(Construct scope, String id, StackSettings settings, ClusterPlan plan, GlobalStack global) {
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
                .minMasterVersion(plan.minMasterVersion())
                .deletionProtection(plan.deletionProtection())
                .labels(plan.labels())
                .systemPool(plan.systemPool())
                .authorizedNetworks(plan.authorizedNetworks())
                .build());
        this.tpuPool = cluster.addTpuNodePool("tpu", plan.tpuPool());
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
