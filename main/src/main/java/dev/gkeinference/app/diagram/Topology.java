package dev.gkeinference.app.diagram;

import dev.gkeinference.constructs.gateway.InferenceGateway;
import dev.gkeinference.constructs.gke.DranetTpuNodePoolProps;
import dev.gkeinference.constructs.storage.ModelBucketProps;
import dev.gkeinference.stacks.plan.ClusterPlan;
import dev.gkeinference.stacks.plan.DeploymentPlan;
import dev.gkeinference.stacks.plan.ServingPlan;
import java.util.List;

/**
 * What the topology picture shows, derived from a deployment plan: the gateway and its per-region
 * addresses, each region's cluster and TPU pool, and what is shared (VPC, model bucket).
 */
public record Topology(String deploymentName, String project, Gateway gateway, List<Region> regions, Shared shared) {

    /** The gateway class of the multi-cluster cross-region internal Inference Gateway. */
    public static final String GATEWAY_CLASS = InferenceGateway.CROSS_REGIONAL_INTERNAL_CLASS;
    /** In place of the location of a bucket the deployment does not create. */
    static final String EXISTING = "existing";

    public record Gateway(String name, String gatewayClass, String configClusterName) {
    }

    /** One region: its gateway address, its cluster and the cluster's TPU pool. */
    public record Region(String region, String address, String clusterName, boolean configCluster, TpuPool tpu) {
    }

    /** @param chips chips of the whole pool: chips per host times nodes */
    public record TpuPool(String machineType, String topology, String zone, int nodes, int chips, String capacity) {
    }

    /** @param bucketLocation the location of the bucket created, or {@value #EXISTING} */
    public record Shared(String network, String bucket, String bucketLocation, String model, String weightsPath) {
    }

    public Topology {
        regions = List.copyOf(regions);
    }

    public static Topology from(DeploymentPlan plan) {
        List<Region> regions = plan.clusters().stream().map(c -> region(plan, c)).toList();
        ServingPlan serving = plan.serving();
        Gateway gateway = new Gateway(serving.gateway().name(), GATEWAY_CLASS, plan.configCluster().name());
        Shared shared = new Shared(existingMarked(plan.global().network().name(), plan.global().network().existing()),
                plan.global().bucket().name(),
                plan.global().bucket().create().map(ModelBucketProps::location).orElse(EXISTING),
                serving.modelServer().servedModelName(), serving.modelServer().weightsPath());
        return new Topology(plan.stacks().deploymentName(), plan.project(), gateway, regions, shared);
    }

    private static Region region(DeploymentPlan plan, ClusterPlan cluster) {
        DranetTpuNodePoolProps tpu = cluster.tpuPool();
        TpuPool pool = new TpuPool(tpu.slice().machineType(), tpu.slice().topology(), tpu.zone(), tpu.nodeCount(),
                tpu.nodeCount() * tpu.slice().chipsPerHost(), tpu.capacity().value());
        String reserved = plan.serving().gateway().reservedAddresses().get(cluster.region());
        String address = reserved == null ? "ephemeral internal address" : "reserved address " + reserved;
        return new Region(cluster.region(), address, existingMarked(cluster.name(), cluster.existingCluster()),
                cluster.configCluster(), pool);
    }

    /** What the deployment only uses is drawn as such. */
    private static String existingMarked(String name, boolean existing) {
        return existing ? name + " (" + EXISTING + ")" : name;
    }

    public int totalChips() {
        return regions.stream().mapToInt(r -> r.tpu().chips()).sum();
    }
}
