package dev.gkeinference.stacks.config;

import dev.gkeinference.constructs.gke.DranetTpuNodePool;
import dev.gkeinference.constructs.gke.GkeVersion;
import dev.gkeinference.constructs.gke.ReleaseChannel;
import dev.gkeinference.constructs.network.Cidr;
import dev.gkeinference.constructs.tpu.TpuSlice;
import dev.gkeinference.stacks.StackNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a deployment config's values and their consistency. Every problem names the key path, the bad value and
 * what is allowed; all problems are reported at once.
 */
public final class ConfigValidator {
    private static final Pattern PROJECT_ID = Pattern.compile("[a-z][-a-z0-9]{4,28}[a-z0-9]");
    private static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]{0,18}[a-z0-9])?");
    private static final Pattern RESOURCE_NAME = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern REGION = Pattern.compile("[a-z]+-[a-z]+[0-9]+");
    private static final Pattern LABEL_KEY = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final Pattern LABEL_VALUE = Pattern.compile("[a-z0-9_-]{0,63}");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]");
    private static final List<String> CAPACITIES = List.of("on-demand", "spot", "reservation");
    /** Zones that offered TPU v6e when this was written; others are accepted with a warning. */
    static final Set<String> KNOWN_V6E_ZONES = Set.of("europe-west4-a", "us-east5-a", "us-east5-b", "us-east1-d",
            "us-central1-b", "us-south1-a", "asia-northeast1-b", "southamerica-west1-a");

    private final List<String> problems = new ArrayList<>();

    private ConfigValidator() {
    }

    /** The problems of a config; empty when it is valid. */
    public static List<String> validate(DeploymentConfig config) {
        ConfigValidator validator = new ConfigValidator();
        validator.check(config);
        return List.copyOf(validator.problems);
    }

    /** Zones outside {@link #KNOWN_V6E_ZONES}: not an error (new zones open), but worth a warning. */
    public static List<String> warnings(DeploymentConfig config) {
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < config.regions().size(); i++) {
            String zone = config.regions().get(i).zone();
            if (zone != null && !KNOWN_V6E_ZONES.contains(zone)) {
                warnings.add("regions[" + i + "].zone: '" + zone + "' is not a zone known to offer TPU v6e ("
                        + String.join(", ", KNOWN_V6E_ZONES.stream().sorted().toList()) + ")");
            }
        }
        return warnings;
    }

    private void problem(String path, Object value, String allowed) {
        problems.add(path + ": " + (value == null ? "missing" : "'" + value + "'") + " " + allowed);
    }

    private void check(DeploymentConfig config) {
        if (config.project() == null || !PROJECT_ID.matcher(config.project()).matches()) {
            problem("project", config.project(), "is not a GCP project id (6-30 lower-case letters, digits or '-',"
                    + " starting with a letter)");
        }
        if (!NAME.matcher(config.deploymentName()).matches()) {
            problem("name", config.name(), "is not a deployment name (1-20 lower-case letters, digits or '-',"
                    + " starting with a letter)");
        }
        checkLabels(config.labels());
        checkNetwork(config);
        checkCluster(config.cluster());
        checkRegions(config);
        checkModel(config.model());
        checkBucket(config);
        checkBackendAndPolicy(config);
        problems.addAll(ServingValidator.problems(config, problems));
    }

    /** Workspace names are checked against every stack id of the deployment. */
    private void checkBackendAndPolicy(DeploymentConfig config) {
        List<String> stackIds = new ArrayList<>(List.of(StackNames.GLOBAL));
        config.regions().forEach(r -> stackIds.add(StackNames.cluster(String.valueOf(r.region()))));
        config.regions().forEach(r -> stackIds.add(StackNames.platform(String.valueOf(r.region()))));
        config.regions().forEach(r -> stackIds.add(StackNames.workload(String.valueOf(r.region()))));
        stackIds.addAll(List.of(StackNames.FLEET, StackNames.GATEWAY));
        problems.addAll(config.backend().problems(config.deploymentName(), stackIds));
        problems.addAll(config.policy().problems());
    }

    private void checkLabels(Map<String, String> labels) {
        labels.forEach((key, value) -> {
            if (!LABEL_KEY.matcher(key).matches()) {
                problem("labels." + key, key, "is not a label key (lower-case letter, then up to 62 lower-case"
                        + " letters, digits, '_' or '-')");
            }
            if (value == null || !LABEL_VALUE.matcher(value).matches()) {
                problem("labels." + key, value, "is not a label value (up to 63 lower-case letters, digits, '_'"
                        + " or '-')");
            }
        });
    }

    private void checkNetwork(DeploymentConfig config) {
        if (!RESOURCE_NAME.matcher(config.networkName()).matches()) {
            problem("network.name", config.networkName(), "is not a VPC name (1-63 lower-case letters, digits or"
                    + " '-', starting with a letter)");
        }
        if (config.networkMtu() < 1300 || config.networkMtu() > 8896) {
            problem("network.mtu", config.networkMtu(), "is out of range: allowed are 1300 to 8896");
        }
    }

    private void checkCluster(ClusterConfig cluster) {
        String version = cluster.minVersion();
        if (version != null && !GkeVersion.isValid(version)) {
            problem("cluster.minVersion", version, "is not a GKE version such as " + GkeVersion.MANAGED_DRANET
                    + " or a prefix such as 1.36");
        }
        String channel = cluster.releaseChannel();
        if (channel != null && !ReleaseChannel.names().contains(channel)) {
            problem("cluster.releaseChannel", channel, "is not a release channel: allowed are "
                    + String.join(", ", ReleaseChannel.names()));
        }
        ClusterConfig.SystemPoolConfig pool = cluster.systemPool();
        if (pool != null) {
            int min = pool.minNodes() == null ? 1 : pool.minNodes();
            int max = pool.maxNodes() == null ? 3 : pool.maxNodes();
            if (min < 0 || max < 1 || min > max) {
                problem("cluster.systemPool", "minNodes=" + min + ", maxNodes=" + max,
                        "is invalid: need 0 <= minNodes <= maxNodes and maxNodes >= 1");
            }
        }
        List<String> networks = cluster.authorizedNetworks() == null ? List.of() : cluster.authorizedNetworks();
        for (int i = 0; i < networks.size(); i++) {
            cidr("cluster.authorizedNetworks[" + i + "]", networks.get(i));
        }
    }

    private void checkRegions(DeploymentConfig config) {
        List<RegionConfig> regions = config.regions();
        if (regions.isEmpty()) {
            problem("regions", null, "- at least one region is required");
            return;
        }
        Set<String> seen = new HashSet<>();
        long configClusters = regions.stream().filter(RegionConfig::isConfigCluster).count();
        if (configClusters != 1) {
            problem("regions[*].configCluster", configClusters + " config clusters",
                    "- exactly one region must have configCluster: true (the fleet's multi-cluster ingress"
                            + " config cluster)");
        }
        List<NamedCidr> cidrs = new ArrayList<>();
        for (int i = 0; i < regions.size(); i++) {
            String path = "regions[" + i + "]";
            RegionConfig region = regions.get(i);
            checkRegion(config, region, path);
            if (region.region() != null && !seen.add(region.region())) {
                problem(path + ".region", region.region(), "appears twice: each region holds one cluster");
            }
            collectCidrs(region.cidrs(), path + ".cidrs", cidrs);
        }
        checkOverlaps(cidrs);
    }

    private void checkRegion(DeploymentConfig config, RegionConfig region, String path) {
        if (region.region() == null || !REGION.matcher(region.region()).matches()) {
            problem(path + ".region", region.region(), "is not a GCP region such as europe-west4");
            return;
        }
        if (region.zone() == null || !region.zone().matches(Pattern.quote(region.region()) + "-[a-z0-9]+")) {
            problem(path + ".zone", region.zone(), "is not a zone in region " + region.region() + " (such as "
                    + region.region() + "-a)");
        }
        String clusterName = config.clusterName(region);
        if (clusterName.length() > 40) {
            problem("name", config.deploymentName(), "is too long for region " + region.region() + ": cluster name '"
                    + clusterName + "' exceeds 40 characters");
        }
        String accountId = config.nodeServiceAccountId(region);
        if (accountId.length() > 30) {
            problem("name", config.deploymentName(), "is too long for region " + region.region()
                    + ": node service account id '" + accountId + "' exceeds 30 characters");
        }
        if (region.tpu() == null) {
            problem(path + ".tpu", null, "- every region needs a TPU pool (machineType, topology)");
        } else {
            checkTpu(region.tpu(), path + ".tpu");
        }
        if (region.cidrs() == null) {
            problem(path + ".cidrs", null, "- every region needs nodes, pods, services and proxyOnly CIDR blocks");
        }
    }

    private void checkTpu(TpuConfig tpu, String path) {
        if (!TpuSlice.supportedMachineTypes().contains(tpu.machineType())) {
            problem(path + ".machineType", tpu.machineType(), "is not supported: allowed are "
                    + String.join(", ", TpuSlice.supportedMachineTypes()));
            return;
        }
        List<String> topologies = TpuSlice.topologiesFor(tpu.machineType());
        if (!topologies.contains(tpu.topology())) {
            problem(path + ".topology", tpu.topology(), "does not exist for " + tpu.machineType()
                    + ": allowed are " + String.join(", ", topologies));
            return;
        }
        TpuSlice slice = new TpuSlice(tpu.machineType(), tpu.topology());
        int nodeCount = tpu.nodeCount() == null ? slice.hosts() : tpu.nodeCount();
        if (nodeCount < 1) {
            problem(path + ".nodeCount", nodeCount, "must be at least 1");
        }
        if (slice.multiHost() && nodeCount != slice.hosts()) {
            problem(path + ".nodeCount", nodeCount, "must be " + slice.hosts() + ": a " + slice.topology()
                    + " slice of " + slice.machineType() + " spans " + slice.hosts() + " hosts");
        }
        String capacity = tpu.capacity() == null ? "on-demand" : tpu.capacity();
        if (!CAPACITIES.contains(capacity)) {
            problem(path + ".capacity", capacity, "is not a capacity: allowed are " + String.join(", ", CAPACITIES));
        }
        boolean reservation = tpu.reservation() != null && !tpu.reservation().isBlank();
        if (capacity.equals("reservation") && !reservation) {
            problem(path + ".reservation", null, "- capacity 'reservation' needs the reservation name");
        }
        if (!capacity.equals("reservation") && reservation) {
            problem(path + ".reservation", tpu.reservation(), "is set but capacity is '" + capacity
                    + "': set capacity: reservation or remove it");
        }
        if (tpu.autoscaling() != null) {
            checkAutoscaling(tpu.autoscaling(), slice, nodeCount, path + ".autoscaling");
        }
        Integer disk = tpu.bootDiskSizeGb();
        if (disk != null && (disk < DranetTpuNodePool.MIN_BOOT_DISK_GB || disk > DranetTpuNodePool.MAX_BOOT_DISK_GB)) {
            problem(path + ".bootDiskSizeGb", disk, "is out of range: allowed are " + DranetTpuNodePool.MIN_BOOT_DISK_GB
                    + " to " + DranetTpuNodePool.MAX_BOOT_DISK_GB + " (GB)");
        }
    }

    private void checkAutoscaling(TpuConfig.AutoscalingConfig autoscaling, TpuSlice slice, int nodeCount,
            String path) {
        if (slice.multiHost()) {
            problem(path, "minNodes=" + autoscaling.minNodes() + ", maxNodes=" + autoscaling.maxNodes(),
                    "is not supported for a multi-host slice (" + slice.topology() + "): remove it");
            return;
        }
        Integer min = autoscaling.minNodes();
        Integer max = autoscaling.maxNodes();
        if (min == null || max == null || min < 0 || min > max || nodeCount < min || nodeCount > max) {
            problem(path, "minNodes=" + min + ", maxNodes=" + max, "is invalid: need 0 <= minNodes <= nodeCount ("
                    + nodeCount + ") <= maxNodes");
        }
    }

    private record NamedCidr(String path, Cidr cidr) {
    }

    private void collectCidrs(CidrConfig cidrs, String path, List<NamedCidr> into) {
        if (cidrs == null) {
            return;
        }
        String[][] blocks = {{"nodes", cidrs.nodes()}, {"pods", cidrs.pods()}, {"services", cidrs.services()},
            {"proxyOnly", cidrs.proxyOnly()}};
        for (String[] block : blocks) {
            Cidr cidr = cidr(path + "." + block[0], block[1]);
            if (cidr != null) {
                into.add(new NamedCidr(path + "." + block[0], cidr));
            }
        }
    }

    private Cidr cidr(String path, String value) {
        if (value == null) {
            problem(path, null, "- a CIDR block such as 10.0.0.0/20 is required");
            return null;
        }
        try {
            return Cidr.parse(value);
        } catch (IllegalArgumentException e) {
            problems.add(path + ": " + e.getMessage());
            return null;
        }
    }

    private void checkOverlaps(List<NamedCidr> cidrs) {
        for (int i = 0; i < cidrs.size(); i++) {
            for (int j = i + 1; j < cidrs.size(); j++) {
                if (cidrs.get(i).cidr().overlaps(cidrs.get(j).cidr())) {
                    problems.add(cidrs.get(j).path() + ": '" + cidrs.get(j).cidr() + "' overlaps "
                            + cidrs.get(i).path() + " '" + cidrs.get(i).cidr() + "': every block of every region"
                            + " must be disjoint");
                }
            }
        }
    }

    private void checkModel(ModelConfig model) {
        if (model == null) {
            problem("model", null, "- the model (name, weightsPath) is required");
            return;
        }
        if (model.name() == null || model.name().isBlank()) {
            problem("model.name", model.name(), "- the served model name is required, e.g. google/gemma-3-27b-it");
        }
        if (model.weightsPath() == null || model.weightsPath().isBlank() || model.weightsPath().startsWith("/")) {
            problem("model.weightsPath", model.weightsPath(), "must be a folder in the bucket, without a leading"
                    + " '/', e.g. gemma-3-27b-it");
        }
        List<String> args = model.servingArgs() == null ? List.of() : model.servingArgs();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) == null || !args.get(i).startsWith("--")) {
                problem("model.servingArgs[" + i + "]", args.get(i), "must be a vLLM flag starting with '--'");
            }
        }
    }

    private void checkBucket(DeploymentConfig config) {
        boolean derived = config.bucket().name() == null;
        if (derived && (config.project() == null || !PROJECT_ID.matcher(config.project()).matches())) {
            return; // the derived name is wrong only because the project is, which is reported already
        }
        String name = config.bucketName();
        if (!BUCKET.matcher(name).matches() || name.startsWith("goog")) {
            problem("bucket.name", name, "is not a bucket name (3-63 lower-case letters, digits, '-', '_' or '.')");
        }
        if (config.bucketLocation().isBlank()) {
            problem("bucket.location", config.bucketLocation(), "must be a region, dual-region or multi-region");
        }
    }
}
