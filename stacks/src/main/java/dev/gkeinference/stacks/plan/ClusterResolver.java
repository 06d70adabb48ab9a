package dev.gkeinference.stacks.plan;

import dev.gkeinference.constructs.gke.DranetTpuNodePool;
import dev.gkeinference.constructs.gke.DranetTpuNodePoolProps;
import dev.gkeinference.constructs.gke.DranetTpuNodePoolPropsBuilder;
import dev.gkeinference.constructs.gke.NodeServiceAccount;
import dev.gkeinference.constructs.gke.RegionalTpuCluster;
import dev.gkeinference.constructs.gke.RegionalTpuClusterProps;
import dev.gkeinference.constructs.gke.ReleaseChannel;
import dev.gkeinference.constructs.gke.SystemPoolProps;
import dev.gkeinference.constructs.gke.TpuCapacity;
import dev.gkeinference.constructs.network.Cidr;
import dev.gkeinference.constructs.network.ExistingSubnet;
import dev.gkeinference.constructs.network.InferenceNetworkProps;
import dev.gkeinference.constructs.network.NetworkRegion;
import dev.gkeinference.constructs.tpu.TpuSlice;
import dev.gkeinference.stacks.config.CidrConfig;
import dev.gkeinference.stacks.config.ClusterConfig;
import dev.gkeinference.stacks.config.Problems;
import dev.gkeinference.stacks.config.RegionConfig;
import dev.gkeinference.stacks.config.SubnetsConfig;
import dev.gkeinference.stacks.config.TpuConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves {@code cluster} and {@code regions}: one {@link ClusterPlan} and one address plan per region. The rules
 * are the constructs' own ({@link TpuSlice}, {@link DranetTpuNodePool}, {@link RegionalTpuCluster},
 * {@link NodeServiceAccount}, {@link NetworkRegion}, {@link Cidr}); what is checked here is only what a deployment
 * adds: disjoint address blocks across regions.
 */
final class ClusterResolver {
    private final Problems problems;
    private final String deploymentName;
    private final boolean checkDerivedNames;
    private final Map<String, String> labels;
    private final boolean existingNetwork;
    private final List<NamedCidr> cidrs = new ArrayList<>();

    private record NamedCidr(String path, Cidr cidr) {
    }

    /** A region resolved: its cluster and its address plan. */
    record Region(ClusterPlan cluster, NetworkRegion addresses) {
    }

    /**
     * @param checkDerivedNames whether names derived from the deployment name are checked: not when that name is
     *                          wrong already
     */
    ClusterResolver(Problems problems, String deploymentName, boolean checkDerivedNames, Map<String, String> labels,
            boolean existingNetwork) {
        this.problems = problems;
        this.existingNetwork = existingNetwork;
        this.deploymentName = deploymentName;
        this.checkDerivedNames = checkDerivedNames;
        this.labels = labels;
    }

    /** Each region in the config's order; empty where it is wrong (the problems say why). */
    List<Optional<Region>> regions(ClusterConfig cluster, List<RegionConfig> regions) {
        Optional<Shared> shared = shared(cluster == null ? new ClusterConfig(null, null, null, null, null) : cluster);
        List<Optional<Region>> resolved = new ArrayList<>();
        for (int i = 0; i < regions.size(); i++) {
            resolved.add(region(regions.get(i), "regions[" + i + "]", shared));
        }
        checkOverlaps();
        return resolved;
    }

    /** What every cluster shares ({@code cluster:}). */
    private record Shared(ReleaseChannel releaseChannel, String minimumVersion, boolean deletionProtection,
            SystemPoolProps systemPool, List<String> authorizedNetworks) {
    }

    private Optional<Shared> shared(ClusterConfig cluster) {
        String version = cluster.minVersion();
        boolean versionValid = problems.check("cluster.minVersion", () -> RegionalTpuCluster.requireMinimumVersion(
                version));
        Optional<ReleaseChannel> channel = cluster.releaseChannel() == null
                ? Optional.of(RegionalTpuClusterProps.DEFAULT_RELEASE_CHANNEL)
                : problems.value("cluster.releaseChannel", () -> ReleaseChannel.fromName(cluster.releaseChannel()));
        ClusterConfig.SystemPoolConfig pool = cluster.systemPool();
        Optional<SystemPoolProps> systemPool = problems.value("cluster.systemPool", () -> pool == null
                ? SystemPoolProps.DEFAULT : SystemPoolProps.of(pool.machineType(), pool.minNodes(), pool.maxNodes()));
        List<String> networks = cluster.authorizedNetworks() == null ? List.of() : cluster.authorizedNetworks();
        boolean networksValid = true;
        for (int i = 0; i < networks.size(); i++) {
            String network = networks.get(i);
            networksValid &= problems.check("cluster.authorizedNetworks[" + i + "]", () -> Cidr.parse(network));
        }
        if (!versionValid || channel.isEmpty() || systemPool.isEmpty() || !networksValid) {
            return Optional.empty();
        }
        return Optional.of(new Shared(channel.get(), version, cluster.deletionProtection() == null
                ? RegionalTpuClusterProps.DEFAULT_DELETION_PROTECTION : cluster.deletionProtection(),
                systemPool.get(), networks));
    }

    private Optional<Region> region(RegionConfig config, String path, Optional<Shared> shared) {
        boolean regionValid = problems.check(path + ".region", () -> NetworkRegion.requireRegion(config.region()));
        Optional<NetworkRegion> addresses = addresses(config, path, regionValid);
        if (!regionValid) {
            return Optional.empty();
        }
        String region = config.region();
        boolean zoneValid = problems.check(path + ".zone", () -> DranetTpuNodePool.requireZoneInRegion(region,
                config.zone()));
        Optional<String> clusterName = clusterName(config, path);
        boolean namesValid = (!checkDerivedNames || names(region, config.existingCluster() == null))
                & clusterName.isPresent();
        Optional<DranetTpuNodePoolProps> pool = tpuPool(config.tpu(), zoneValid ? config.zone() : null,
                path + ".tpu");
        if (!zoneValid || !namesValid || pool.isEmpty() || addresses.isEmpty() || shared.isEmpty()) {
            return Optional.empty();
        }
        Shared s = shared.get();
        return Optional.of(new Region(new ClusterPlan(region, Boolean.TRUE.equals(config.configCluster()),
                clusterName.get(), config.existingCluster() != null,
                ResourceNames.nodeServiceAccount(deploymentName, region),
                s.releaseChannel(), s.minimumVersion(), s.deletionProtection(), labels, s.systemPool(), s.authorizedNetworks(),
                pool.get()), addresses.get()));
    }

    /** An existing cluster's name, or the name derived for a new one. */
    private Optional<String> clusterName(RegionConfig config, String path) {
        String existing = config.existingCluster();
        if (existing == null) {
            return Optional.of(ResourceNames.cluster(deploymentName, config.region()));
        }
        return problems.check(path + ".existingCluster", () -> RegionalTpuCluster.requireName(existing))
                ? Optional.of(existing) : Optional.empty();
    }

    /** The names derived from the deployment name must fit the cluster's and the service account's rules. */
    private boolean names(String region, boolean newCluster) {
        String cluster = ResourceNames.cluster(deploymentName, region);
        String account = ResourceNames.nodeServiceAccount(deploymentName, region);
        return (!newCluster || problems.check("name", () -> named("cluster name for region " + region,
                () -> RegionalTpuCluster.requireName(cluster))))
                & problems.check("name", () -> named("node service account id for region " + region,
                () -> NodeServiceAccount.requireAccountId(account)));
    }

    /** Runs a rule on a derived name, saying which name it is. */
    private static void named(String what, Runnable rule) {
        try {
            rule.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
    }

    /** The pool's rules are checked even when its zone is wrong; it is built only with a valid zone. */
    private Optional<DranetTpuNodePoolProps> tpuPool(TpuConfig tpu, String validZone, String path) {
        if (tpu == null) {
            problems.add(path, "missing - every region needs a TPU pool (machineType, topology)");
            return Optional.empty();
        }
        Optional<TpuSlice> slice = slice(tpu, path);
        Optional<TpuCapacity> capacity = tpu.capacity() == null ? Optional.of(TpuCapacity.ON_DEMAND)
                : problems.value(path + ".capacity", () -> TpuCapacity.fromValue(tpu.capacity()));
        if (slice.isEmpty()) {
            return Optional.empty();
        }
        int nodeCount = tpu.nodeCount() == null ? DranetTpuNodePoolProps.defaultNodeCount(slice.get())
                : tpu.nodeCount();
        TpuConfig.AutoscalingConfig autoscaling = tpu.autoscaling();
        boolean valid = problems.check(path + ".nodeCount", () -> DranetTpuNodePool.requireNodeCount(slice.get(),
                nodeCount))
                & (autoscaling == null || problems.check(path + ".autoscaling", () -> DranetTpuNodePool
                        .requireAutoscaling(slice.get(), nodeCount, autoscaling.minNodes(), autoscaling.maxNodes())))
                & (capacity.isEmpty() || problems.check(path + ".reservation",
                        () -> DranetTpuNodePool.requireReservation(capacity.get(), tpu.reservation())))
                & (tpu.bootDiskSizeGb() == null || problems.check(path + ".bootDiskSizeGb",
                        () -> DranetTpuNodePool.requireBootDiskSize(tpu.bootDiskSizeGb())));
        if (!valid || capacity.isEmpty() || validZone == null) {
            return Optional.empty();
        }
        DranetTpuNodePoolPropsBuilder props = DranetTpuNodePoolProps.builder().zone(validZone).slice(slice.get())
                .nodeCount(nodeCount).capacity(capacity.get()).reservation(tpu.reservation())
                .bootDiskSizeGb(tpu.bootDiskSizeGb());
        if (autoscaling != null) {
            props.minNodes(autoscaling.minNodes()).maxNodes(autoscaling.maxNodes());
        }
        return Optional.of(props.build());
    }

    private Optional<TpuSlice> slice(TpuConfig tpu, String path) {
        if (!problems.check(path + ".machineType", () -> TpuSlice.requireMachineType(tpu.machineType()))) {
            return Optional.empty();
        }
        return problems.value(path + ".topology", () -> new TpuSlice(tpu.machineType(), tpu.topology()));
    }

    /**
     * The region's subnets: each created from {@code cidrs} or existing ({@code subnets}); an existing cluster
     * brings its own node subnet. The rules of what may combine are {@link NetworkRegion}'s and
     * {@link InferenceNetworkProps#requireCreatable}'s; here, only which keys are missing.
     */
    private Optional<NetworkRegion> addresses(RegionConfig config, String path, boolean regionValid) {
        CidrConfig cidrs = config.cidrs() == null ? new CidrConfig(null, null, null, null) : config.cidrs();
        SubnetsConfig subnets = config.subnets() == null ? new SubnetsConfig(null, null) : config.subnets();
        boolean valid = true;
        Optional<ExistingSubnet> existingNodes = Optional.empty();
        if (subnets.nodes() != null) {
            SubnetsConfig.NodeSubnetConfig nodes = subnets.nodes();
            existingNodes = problems.value(path + ".subnets.nodes", () -> new ExistingSubnet(nodes.name(),
                    nodes.pods(), nodes.services()));
            valid = existingNodes.isPresent();
        } else if (config.existingCluster() == null || cidrs.nodes() != null) {
            valid = cidr(path + ".cidrs.nodes", cidrs.nodes()) & cidr(path + ".cidrs.pods", cidrs.pods())
                    & cidr(path + ".cidrs.services", cidrs.services());
        }
        if (subnets.proxyOnly() == null) {
            valid &= cidr(path + ".cidrs.proxyOnly", cidrs.proxyOnly());
        }
        if (!valid || !regionValid) {
            return Optional.empty();
        }
        ExistingSubnet existingNodeSubnet = existingNodes.orElse(null);
        Optional<NetworkRegion> region = problems.value(path, () -> new NetworkRegion(config.region(), cidrs.nodes(),
                cidrs.pods(), cidrs.services(), cidrs.proxyOnly(), existingNodeSubnet, subnets.proxyOnly()));
        if (region.isPresent() && config.existingCluster() != null && region.get().hasNodeSubnet()) {
            problems.add(path + ".existingCluster", "'" + config.existingCluster() + "' brings its own node subnet:"
                    + " leave out cidrs.nodes, .pods, .services and subnets.nodes");
            return Optional.empty();
        }
        // the fix is usually the missing network.existing: true, so the problem is reported there
        if (region.isPresent() && !existingNetwork && !problems.check("network.existing",
                () -> InferenceNetworkProps.requireCreatable(region.get()))) {
            return Optional.empty();
        }
        return region;
    }

    private boolean cidr(String path, String value) {
        if (value == null) {
            problems.add(path, "missing - a CIDR block such as 10.0.0.0/20 is required");
            return false;
        }
        Optional<Cidr> cidr = problems.value(path, () -> Cidr.subnet(value));
        cidr.ifPresent(c -> cidrs.add(new NamedCidr(path, c)));
        return cidr.isPresent();
    }

    /** Every block of every region is disjoint from every other: one VPC routes them all. */
    private void checkOverlaps() {
        for (int i = 0; i < cidrs.size(); i++) {
            for (int j = i + 1; j < cidrs.size(); j++) {
                if (cidrs.get(i).cidr().overlaps(cidrs.get(j).cidr())) {
                    problems.add(cidrs.get(j).path(), "'" + cidrs.get(j).cidr() + "' overlaps " + cidrs.get(i).path()
                            + " '" + cidrs.get(i).cidr() + "': every block of every region must be disjoint");
                }
            }
        }
    }
}
