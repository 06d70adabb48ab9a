package dev.gkeinference.stacks;

import dev.gkeinference.constructs.gke.DranetTpuNodePool;
import dev.gkeinference.constructs.gke.DranetTpuNodePoolProps;
import dev.gkeinference.constructs.gke.GkeVersion;
import dev.gkeinference.constructs.gke.NodeServiceAccount;
import dev.gkeinference.constructs.gke.RegionalTpuCluster;
import dev.gkeinference.constructs.gke.RegionalTpuClusterProps;
import dev.gkeinference.constructs.gke.ReleaseChannel;
import dev.gkeinference.constructs.gke.SystemPoolProps;
import dev.gkeinference.constructs.tpu.TpuSlice;
import dev.gkeinference.stacks.config.ClusterConfig;
import dev.gkeinference.stacks.config.DeploymentConfig;
import dev.gkeinference.stacks.config.GatewayConfig;
import dev.gkeinference.stacks.config.RegionConfig;
import dev.gkeinference.stacks.config.TpuConfig;
import software.constructs.Construct;

/**
 * One region's cluster: the regional GKE cluster, its node service account and its DRANET TPU node pool. The
 * cluster requires the GKE versions of what runs on it: managed DRANET (the TPU pool) and, when the gateway balances
 * on a custom metric, custom-metrics load balancing.
 */
public class ClusterStack extends InferenceStack {
    private final RegionConfig region;
    private final RegionalTpuCluster cluster;
    private final DranetTpuNodePool tpuPool;

    public ClusterStack(Construct scope, String id, DeploymentConfig config, RegionConfig region, GlobalStack global) {
        super(scope, id, config, region.region());
        this.region = region;
        NodeServiceAccount nodes = new NodeServiceAccount(this, "node-sa", config.project(),
                config.nodeServiceAccountId(region), "GKE nodes of " + config.clusterName(region));
        ClusterConfig shared = config.cluster();
        this.cluster = new RegionalTpuCluster(this, "gke", RegionalTpuClusterProps.builder()
                .project(config.project())
                .name(config.clusterName(region))
                .region(region.region())
                .networkId(global.network().networkId())
                .subnetworkSelfLink(global.network().region(region.region()).nodeSubnetSelfLink())
                .nodeServiceAccountEmail(nodes.email())
                .releaseChannel(releaseChannel(shared.releaseChannel()))
                .minimumVersion(shared.minVersion())
                .deletionProtection(shared.deletionProtection() == null || shared.deletionProtection())
                .labels(config.labels())
                .systemPool(systemPool(shared.systemPool()))
                .authorizedNetworks(shared.authorizedNetworks())
                .build());
        this.tpuPool = cluster.addTpuNodePool("tpu", tpuPoolProps(region));
        if (GatewayConfig.CUSTOM_METRICS.equals(config.serving().gateway().balancingModeName())) {
            // The floor follows the AutoscalingMetric form: the legacy form works from an older GKE.
            cluster.requireVersion(config.serving().effectiveAutoscalingMetricSchema().minimumGkeVersion(),
                    "custom-metrics load balancing");
        }
    }

    private static ReleaseChannel releaseChannel(String name) {
        return name == null ? null : ReleaseChannel.valueOf(name);
    }

    private static SystemPoolProps systemPool(ClusterConfig.SystemPoolConfig pool) {
        if (pool == null) {
            return SystemPoolProps.DEFAULT;
        }
        SystemPoolProps d = SystemPoolProps.DEFAULT;
        return new SystemPoolProps(pool.machineType() == null ? d.machineType() : pool.machineType(),
                pool.minNodes() == null ? d.minNodes() : pool.minNodes(),
                pool.maxNodes() == null ? d.maxNodes() : pool.maxNodes());
    }

    private static DranetTpuNodePoolProps tpuPoolProps(RegionConfig region) {
        TpuConfig tpu = region.tpu();
        TpuSlice slice = new TpuSlice(tpu.machineType(), tpu.topology());
        DranetTpuNodePoolProps.Builder props = DranetTpuNodePoolProps.builder()
                .zone(region.zone())
                .slice(slice)
                .nodeCount(tpu.nodeCount() == null ? slice.hosts() : tpu.nodeCount())
                .capacity(tpu.capacityKind())
                .reservation(tpu.reservation());
        if (tpu.bootDiskSizeGb() != null) {
            props.bootDiskSizeGb(tpu.bootDiskSizeGb());
        }
        if (tpu.autoscaling() != null) {
            props.autoscaling(tpu.autoscaling().minNodes(), tpu.autoscaling().maxNodes());
        }
        return props.build();
    }

    public RegionConfig region() {
        return region;
    }

    public RegionalTpuCluster cluster() {
        return cluster;
    }

    public DranetTpuNodePool tpuPool() {
        return tpuPool;
    }
}
