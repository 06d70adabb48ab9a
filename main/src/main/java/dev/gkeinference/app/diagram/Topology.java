package dev.gkeinference.app.diagram;

import dev.gkeinference.constructs.tpu.TpuSlice;
import dev.gkeinference.stacks.config.DeploymentConfig;
import dev.gkeinference.stacks.config.RegionConfig;
import java.util.List;

/**
 * What the topology picture shows, derived from a validated deployment config: the gateway and its per-region
 * addresses, each region's cluster and TPU pool, and what is shared (VPC, model bucket).
 */
public record Topology(String deploymentName, String project, Gateway gateway, List<Region> regions, Shared shared) {

    /** The gateway class of the multi-cluster cross-region internal Inference Gateway. */
    public static final String GATEWAY_CLASS = "gke-l7-cross-regional-internal-managed-mc";

    public record Gateway(String name, String gatewayClass, String configClusterName) {
    }

    /** One region: its gateway address, its cluster and the cluster's TPU pool. */
    public record Region(String region, String address, String clusterName, boolean configCluster, TpuPool tpu) {
    }

    /** @param chips chips of the whole pool: chips per host times nodes */
    public record TpuPool(String machineType, String topology, String zone, int nodes, int chips, String capacity) {
    }

    public record Shared(String network, String bucket, String bucketLocation, String model, String weightsPath) {
    }

    public Topology {
        regions = List.copyOf(regions);
    }

    public static Topology from(DeploymentConfig config) {
        List<Region> regions = config.regions().stream().map(r -> region(config, r)).toList();
        Gateway gateway = new Gateway(config.serving().gateway().effectiveName(), GATEWAY_CLASS,
                config.clusterName(config.configRegion()));
        Shared shared = new Shared(config.networkName(), config.bucketName(), config.bucketLocation(),
                config.model() == null ? "(no model)" : config.model().name(),
                config.model() == null ? "" : config.model().weightsPath());
        return new Topology(config.deploymentName(), config.project(), gateway, regions, shared);
    }

    private static Region region(DeploymentConfig config, RegionConfig region) {
        TpuSlice slice = new TpuSlice(region.tpu().machineType(), region.tpu().topology());
        int nodes = region.tpu().nodeCount() == null ? slice.hosts() : region.tpu().nodeCount();
        String capacity = region.tpu().capacity() == null ? "on-demand" : region.tpu().capacity();
        TpuPool pool = new TpuPool(region.tpu().machineType(), region.tpu().topology(), region.zone(), nodes,
                nodes * slice.chipsPerHost(), capacity);
        String reserved = config.serving().gateway().reservedAddresses().get(region.region());
        String address = reserved == null ? "ephemeral internal address" : "reserved address " + reserved;
        return new Region(region.region(), address, config.clusterName(region), region.isConfigCluster(), pool);
    }

    public int totalChips() {
        return regions.stream().mapToInt(r -> r.tpu().chips()).sum();
    }
}
