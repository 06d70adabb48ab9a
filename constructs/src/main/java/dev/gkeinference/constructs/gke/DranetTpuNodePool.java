package dev.gkeinference.constructs.gke;

import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.providers.google.container_node_pool.ContainerNodePool;
import com.hashicorp.cdktf.providers.google.container_node_pool.ContainerNodePoolAutoscaling;
import com.hashicorp.cdktf.providers.google.container_node_pool.ContainerNodePoolManagement;
import com.hashicorp.cdktf.providers.google.container_node_pool.ContainerNodePoolNodeConfig;
import com.hashicorp.cdktf.providers.google.container_node_pool.ContainerNodePoolNodeConfigBootDisk;
import com.hashicorp.cdktf.providers.google.container_node_pool.ContainerNodePoolNodeConfigReservationAffinity;
import com.hashicorp.cdktf.providers.google.container_node_pool.ContainerNodePoolPlacementPolicy;
import dev.gkeinference.constructs.compat.GoogleProviderGaps;
import dev.gkeinference.constructs.tpu.TpuSlice;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * A single-zone TPU v6e node pool whose pods get dedicated accelerator NICs from GKE managed DRANET: the
 * accelerator network profile {@code auto} makes GKE create and attach the extra networks, and the node label
 * {@value #DRANET_LABEL}=true turns the managed DRA network driver on for the nodes. The pool makes its cluster
 * require {@link GkeVersion#MANAGED_DRANET}.
 *
 * <p>A multi-host slice is placed COMPACT with its topology; a single-host slice gets no placement policy (GKE's
 * samples set {@code tpu_topology} only for multi-host slices). Boot disks are Hyperdisk Balanced, the boot disk
 * type TPU v6e supports.
 */
public class DranetTpuNodePool extends Construct {
    /** Node label that enables the GKE managed DRANET driver. */
    public static final String DRANET_LABEL = "cloud.google.com/gke-networking-dra-driver";
    /** Accelerator network profile that lets GKE configure the accelerator networks. */
    public static final String ACCELERATOR_NETWORK_PROFILE = "auto";
    /** TPU v6e boots only from Hyperdisk Balanced or Hyperdisk ML; Balanced is the general-purpose one. */
    public static final String BOOT_DISK_TYPE = "hyperdisk-balanced";
    /** GKE's smallest node boot disk; Hyperdisk Balanced's largest volume (64 TiB). */
    public static final int MIN_BOOT_DISK_GB = 10;
    public static final int MAX_BOOT_DISK_GB = 65536;

    private final DranetTpuNodePoolProps props;
    private final ContainerNodePool pool;

    DranetTpuNodePool(Construct scope, String id, RegionalTpuCluster cluster, DranetTpuNodePoolProps props) {
        super(scope, id);
        validate(cluster.region(), props);
        this.props = props;
        this.pool = ContainerNodePool.Builder.create(this, "pool")
                .project(cluster.project())
                .name(props.name())
                .cluster(cluster.clusterName())
                .location(cluster.region())
                .nodeLocations(List.of(props.zone()))
                .initialNodeCount(props.autoscaling() ? props.nodeCount() : null)
                .nodeCount(props.autoscaling() ? null : props.nodeCount())
                .autoscaling(props.autoscaling() ? ContainerNodePoolAutoscaling.builder()
                        .minNodeCount(props.minNodes()).maxNodeCount(props.maxNodes()).build() : null)
                .management(ContainerNodePoolManagement.builder().autoRepair(true).autoUpgrade(true).build())
                .placementPolicy(placementPolicy(props.slice()))
                .nodeConfig(nodeConfig(cluster, props))
                // GKE adds its own labels to accelerator-network-profile nodes; without this every plan would
                // try to remove them.
                .lifecycle(TerraformResourceLifecycle.builder()
                        .ignoreChanges(List.of("node_config[0].labels")).build())
                .build();
        GoogleProviderGaps.setAcceleratorNetworkProfile(pool, ACCELERATOR_NETWORK_PROFILE);
        cluster.requireVersion(GkeVersion.MANAGED_DRANET, "managed DRANET");
    }

    private static ContainerNodePoolPlacementPolicy placementPolicy(TpuSlice slice) {
        return slice.multiHost()
                ? ContainerNodePoolPlacementPolicy.builder().type("COMPACT").tpuTopology(slice.topology()).build()
                : null;
    }

    private static ContainerNodePoolNodeConfig nodeConfig(RegionalTpuCluster cluster, DranetTpuNodePoolProps props) {
        ContainerNodePoolNodeConfig.Builder config = HardenedNodeConfig.builder(props.slice().machineType(),
                        cluster.nodeServiceAccountEmail(), cluster.labels())
                .labels(Map.of(DRANET_LABEL, "true"))
                .bootDisk(ContainerNodePoolNodeConfigBootDisk.builder()
                        .diskType(BOOT_DISK_TYPE).sizeGb(props.bootDiskSizeGb()).build());
        switch (props.capacity()) {
            case SPOT -> config.spot(true);
            case RESERVATION -> config.reservationAffinity(ContainerNodePoolNodeConfigReservationAffinity.builder()
                    .consumeReservationType("SPECIFIC_RESERVATION")
                    .key("compute.googleapis.com/reservation-name")
                    .values(List.of(props.reservation()))
                    .build());
            case ON_DEMAND -> { }
        }
        return config.build();
    }

    private static void validate(String region, DranetTpuNodePoolProps props) {
        if (!props.zone().startsWith(region + "-")) {
            throw new IllegalArgumentException("zone '" + props.zone() + "' is not in the cluster's region '"
                    + region + "'");
        }
        if (props.bootDiskSizeGb() < MIN_BOOT_DISK_GB || props.bootDiskSizeGb() > MAX_BOOT_DISK_GB) {
            throw new IllegalArgumentException("boot disk size " + props.bootDiskSizeGb() + " GB is out of range:"
                    + " allowed are " + MIN_BOOT_DISK_GB + " to " + MAX_BOOT_DISK_GB + " GB");
        }
        if (props.nodeCount() < 0) {
            throw new IllegalArgumentException("node count " + props.nodeCount() + " must not be negative");
        }
        if (props.slice().multiHost() && props.nodeCount() != props.slice().hosts()) {
            throw new IllegalArgumentException("a " + props.slice().topology() + " slice of "
                    + props.slice().machineType() + " spans " + props.slice().hosts() + " hosts: node count must be "
                    + props.slice().hosts() + ", not " + props.nodeCount());
        }
        if (props.slice().multiHost() && props.autoscaling()) {
            throw new IllegalArgumentException("autoscaling is not supported for a multi-host slice ("
                    + props.slice().topology() + "): remove minNodes/maxNodes");
        }
        if (props.autoscaling() && (props.minNodes() == null || props.maxNodes() == null
                || props.minNodes() < 0 || props.minNodes() > props.maxNodes()
                || props.nodeCount() < props.minNodes() || props.nodeCount() > props.maxNodes())) {
            throw new IllegalArgumentException("autoscaling needs 0 <= minNodes <= nodeCount <= maxNodes, got min="
                    + props.minNodes() + " nodeCount=" + props.nodeCount() + " max=" + props.maxNodes());
        }
        boolean hasReservation = props.reservation() != null && !props.reservation().isBlank();
        if (props.capacity() == TpuCapacity.RESERVATION && !hasReservation) {
            throw new IllegalArgumentException("capacity RESERVATION needs a reservation name");
        }
        if (props.capacity() != TpuCapacity.RESERVATION && hasReservation) {
            throw new IllegalArgumentException("a reservation is set but capacity is " + props.capacity()
                    + ": set capacity to RESERVATION or remove the reservation");
        }
    }

    /** Chips the pool provides at its configured node count. */
    public int chips() {
        return props.nodeCount() * props.slice().chipsPerHost();
    }

    public DranetTpuNodePoolProps props() {
        return props;
    }

    public ContainerNodePool resource() {
        return pool;
    }
}
