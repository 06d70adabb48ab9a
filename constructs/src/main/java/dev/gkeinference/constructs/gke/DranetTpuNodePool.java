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
import java.util.regex.Pattern;
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

    /** Created in the cluster's construct: {@link ICluster#addTpuNodePool}. */
    DranetTpuNodePool(ICluster cluster, String id, DranetTpuNodePoolProps props) {
        super((Construct) cluster, id);
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

    private static ContainerNodePoolNodeConfig nodeConfig(ICluster cluster, DranetTpuNodePoolProps props) {
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
        requireZoneInRegion(region, props.zone());
        requireNodeCount(props.slice(), props.nodeCount());
        if (props.autoscaling()) {
            requireAutoscaling(props.slice(), props.nodeCount(), props.minNodes(), props.maxNodes());
        }
        requireReservation(props.capacity(), props.reservation());
        requireBootDiskSize(props.bootDiskSizeGb());
    }

    /** Between GKE's smallest node boot disk and Hyperdisk Balanced's largest volume. */
    public static void requireBootDiskSize(int sizeGb) {
        if (sizeGb < MIN_BOOT_DISK_GB || sizeGb > MAX_BOOT_DISK_GB) {
            throw new IllegalArgumentException("'" + sizeGb + "' is out of range: allowed are " + MIN_BOOT_DISK_GB
                    + " to " + MAX_BOOT_DISK_GB + " (GB)");
        }
    }

    /** The pool's zone must be a zone of the cluster's region. */
    public static void requireZoneInRegion(String region, String zone) {
        if (zone == null || !zone.matches(Pattern.quote(region) + "-[a-z0-9]+")) {
            throw new IllegalArgumentException(quoted(zone) + " is not a zone in region " + region + " (such as "
                    + region + "-a)");
        }
    }

    /** Not negative; a multi-host slice needs exactly one node per host. */
    public static void requireNodeCount(TpuSlice slice, int nodeCount) {
        if (nodeCount < 0) {
            throw new IllegalArgumentException("'" + nodeCount + "' must not be negative");
        }
        if (slice.multiHost() && nodeCount != slice.hosts()) {
            throw new IllegalArgumentException("'" + nodeCount + "' must be " + slice.hosts() + ": a "
                    + slice.topology() + " slice of " + slice.machineType() + " spans " + slice.hosts() + " hosts");
        }
    }

    /** Single-host slices only, with 0 <= minNodes <= nodeCount <= maxNodes. */
    public static void requireAutoscaling(TpuSlice slice, int nodeCount, Integer minNodes, Integer maxNodes) {
        String bounds = "'minNodes=" + minNodes + ", maxNodes=" + maxNodes + "'";
        if (slice.multiHost()) {
            throw new IllegalArgumentException(bounds + " is not supported for a multi-host slice ("
                    + slice.topology() + "): remove autoscaling");
        }
        if (minNodes == null || maxNodes == null || minNodes < 0 || minNodes > maxNodes || nodeCount < minNodes
                || nodeCount > maxNodes) {
            throw new IllegalArgumentException(bounds + " is invalid: need 0 <= minNodes <= nodeCount (" + nodeCount
                    + ") <= maxNodes");
        }
    }

    /** A reservation name exactly when the capacity is {@link TpuCapacity#RESERVATION}. */
    public static void requireReservation(TpuCapacity capacity, String reservation) {
        boolean hasReservation = reservation != null && !reservation.isBlank();
        if (capacity == TpuCapacity.RESERVATION && !hasReservation) {
            throw new IllegalArgumentException(quoted(reservation) + " - capacity '" + capacity.value()
                    + "' needs the reservation name");
        }
        if (capacity != TpuCapacity.RESERVATION && hasReservation) {
            throw new IllegalArgumentException(quoted(reservation) + " is set but capacity is '" + capacity.value()
                    + "': use capacity '" + TpuCapacity.RESERVATION.value() + "' or remove the reservation");
        }
    }

    private static String quoted(String value) {
        return value == null ? "missing" : "'" + value + "'";
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
