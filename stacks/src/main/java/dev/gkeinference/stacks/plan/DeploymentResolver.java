package dev.gkeinference.stacks.plan;

import dev.gkeinference.constructs.inference.VllmTpuServer;
import dev.gkeinference.constructs.network.InferenceNetworkProps;
import dev.gkeinference.constructs.network.NetworkRegion;
import dev.gkeinference.constructs.storage.BucketName;
import dev.gkeinference.constructs.storage.ModelBucketProps;
import dev.gkeinference.stacks.StackNames;
import dev.gkeinference.stacks.config.BackendConfig;
import dev.gkeinference.stacks.config.BucketConfig;
import dev.gkeinference.stacks.config.ClusterServingPlan;
import dev.gkeinference.stacks.config.CrossClusterValidator;
import dev.gkeinference.stacks.config.DeploymentConfig;
import dev.gkeinference.stacks.config.NetworkConfig;
import dev.gkeinference.stacks.config.PolicyConfig;
import dev.gkeinference.stacks.config.Problems;
import dev.gkeinference.stacks.config.RegionConfig;
import dev.gkeinference.stacks.config.TpuConfig;
import dev.gkeinference.stacks.config.yaml.KeyPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resolves a deployment config into a {@link DeploymentPlan}: the command line's overrides first (so
 * {@code --project} can supply a project the file leaves out), then every default, once, then every rule. A rule
 * lives where the thing it protects is built, in a construct or a value type it uses; this class only says which
 * key a value came from. All problems are reported at once, each with its key path, and no plan exists unless
 * there are none.
 */
public final class DeploymentResolver {
    /** A regional cluster's nodes span the region's zones (three in TPU v6e regions), and NEGs follow the nodes. */
    static final int ZONES_PER_REGIONAL_CLUSTER = 3;
    /** Zones that offered TPU v6e when this was written; others are accepted with a warning. */
    static final Set<String> KNOWN_V6E_ZONES = Set.of("europe-west4-a", "us-east5-a", "us-east5-b", "us-east1-d",
            "us-central1-b", "us-south1-a", "asia-northeast1-b", "southamerica-west1-a");

    private static final Pattern PROJECT_ID = Pattern.compile("[a-z][-a-z0-9]{4,28}[a-z0-9]");
    private static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]{0,18}[a-z0-9])?");
    private static final Pattern LABEL_KEY = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final Pattern LABEL_VALUE = Pattern.compile("[a-z0-9_-]{0,63}");

    private final DeploymentConfig config;
    private final ResolveOptions options;
    private final Problems problems = new Problems();

    private DeploymentResolver(DeploymentConfig config, ResolveOptions options) {
        this.config = config;
        this.options = options;
    }

    /**
     * The plan of a config.
     *
     * @param source where the config came from, for the error
     * @throws dev.gkeinference.stacks.config.InvalidConfigException with every problem, when there is one
     */
    public static DeploymentPlan resolve(DeploymentConfig config, ResolveOptions options, String source) {
        DeploymentResolver resolver = new DeploymentResolver(config, options);
        Optional<DeploymentPlan> plan = resolver.plan();
        resolver.problems.throwIfAny(source);
        return plan.orElseThrow();
    }

    private Optional<DeploymentPlan> plan() {
        Optional<String> project = project();
        String name = config.name() == null ? DeploymentConfig.DEFAULT_NAME : config.name();
        boolean nameValid = problems.check("name", () -> requireMatch(name, NAME, "is not a deployment name (1-20"
                + " lower-case letters, digits or '-', starting with a letter)"));
        Map<String, String> labels = labels();
        List<RegionConfig> regionConfigs = config.regions() == null ? List.of() : config.regions();
        NetworkConfig networkConfig = config.network() == null ? new NetworkConfig(null, null, null)
                : config.network();
        boolean existingNetwork = Boolean.TRUE.equals(networkConfig.existing());
        List<Optional<ClusterResolver.Region>> regions = new ClusterResolver(problems, name, nameValid, labels,
                existingNetwork).regions(config.cluster(), regionConfigs);
        List<String> regionNames = regionConfigs.stream().map(RegionConfig::region).toList();
        Optional<InferenceNetworkProps> network = network(networkConfig, project, name, nameValid, regions,
                regionNames);
        Optional<BucketPlan> bucket = bucket(project, name, nameValid, labels);
        ServingResolver servingResolver = new ServingResolver(problems, config.serving());
        Optional<ServingPlan> serving = servingResolver.resolve(config.model(),
                nameValid ? Optional.of(name) : Optional.empty(),
                bucket.map(BucketPlan::name), regionNames, options);
        boolean servable = true;
        for (int i = 0; i < regions.size(); i++) {
            String path = "regions[" + i + "]";
            TpuConfig tpu = regionConfigs.get(i).tpu();
            boolean bootDiskSized = tpu != null && tpu.bootDiskSizeGb() != null;
            servable &= regions.get(i).map(r -> servingResolver.requireServable(path, r.cluster(), bootDiskSized))
                    .orElse(true);
        }
        crossCluster(regionConfigs, regions, network, serving);
        BackendConfig backend = config.backend() == null ? BackendConfig.DEFAULT : config.backend();
        problems.addAll(backend.problems(name, stackIds(regionNames)));
        PolicyConfig policy = config.policy() == null ? PolicyConfig.NONE : config.policy();
        problems.addAll(policy.problems());
        if (!problems.isEmpty() || !servable) {
            return Optional.empty();
        }
        List<ClusterPlan> clusters = regions.stream().map(r -> r.orElseThrow().cluster()).toList();
        return Optional.of(new DeploymentPlan(new StackSettings(project.orElseThrow(), name, backend),
                new GlobalPlan(network.orElseThrow(), bucket.orElseThrow(), serving.orElseThrow().picker().jar()),
                clusters, serving.orElseThrow(), policy.toWaivers(), warnings(regionConfigs)));
    }

    private Optional<String> project() {
        String project = options.project().orElse(config.project());
        boolean valid = problems.check("project", () -> requireMatch(project, PROJECT_ID, "is not a GCP project id"
                + " (6-30 lower-case letters, digits or '-', starting with a letter)"));
        return valid ? Optional.of(project) : Optional.empty();
    }

    private Map<String, String> labels() {
        Map<String, String> labels = config.labels() == null ? Map.of() : config.labels();
        labels.forEach((key, value) -> {
            String path = KeyPath.child("labels", key);
            problems.check(path, () -> requireMatch(key, LABEL_KEY, "is not a label key (lower-case letter, then up to"
                    + " 62 lower-case letters, digits, '_' or '-')"));
            problems.check(path, () -> requireMatch(value, LABEL_VALUE, "is not a label value (up to 63 lower-case"
                    + " letters, digits, '_' or '-')"));
        });
        return labels;
    }

    private Optional<InferenceNetworkProps> network(NetworkConfig network, Optional<String> project, String name,
            boolean nameValid, List<Optional<ClusterResolver.Region>> regions, List<String> regionNames) {
        boolean existing = Boolean.TRUE.equals(network.existing());
        if (existing && network.name() == null) {
            problems.add("network.name", "missing - the name of the existing VPC is required");
            return Optional.empty();
        }
        String networkName = network.name() == null ? ResourceNames.network(name) : network.name();
        // a default name derived from a wrong deployment name is not checked: that name is reported already
        boolean valid = (network.name() != null || nameValid)
                && problems.check("network.name", () -> InferenceNetworkProps.requireName(networkName));
        valid &= problems.check("network.mtu", () -> InferenceNetworkProps.requireMtu(existing, network.mtu()));
        valid &= problems.check("regions", () -> InferenceNetworkProps.requireRegions(regionNames));
        if (!valid || (existing && !nameValid) || project.isEmpty() || regions.stream().anyMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        List<NetworkRegion> addresses = regions.stream().map(r -> r.orElseThrow().addresses()).toList();
        // what the deployment adds to an existing VPC is named as it would be in its own VPC
        return problems.value("network", () -> InferenceNetworkProps.builder().project(project.get())
                .name(networkName).existing(existing).resourcePrefix(existing ? ResourceNames.network(name) : null)
                .mtu(network.mtu()).regions(addresses).build());
    }

    private Optional<BucketPlan> bucket(Optional<String> project, String name, boolean nameValid,
            Map<String, String> labels) {
        BucketConfig bucket = config.bucket() == null ? new BucketConfig(null, null, null) : config.bucket();
        if (Boolean.TRUE.equals(bucket.existing())) {
            return existingBucket(bucket);
        }
        if (bucket.name() == null && (project.isEmpty() || !nameValid)) {
            return Optional.empty(); // the default name would be wrong only because the project or name is
        }
        String bucketName = bucket.name() == null ? ResourceNames.bucket(project.get(), name) : bucket.name();
        boolean valid = problems.check("bucket.name", () -> BucketName.require(bucketName))
                & (bucket.location() == null || problems.check("bucket.location",
                        () -> ModelBucketProps.requireLocation(bucket.location())));
        return valid ? Optional.of(BucketPlan.created(ModelBucketProps.builder().name(bucketName)
                .location(bucket.location()).labels(labels).build())) : Optional.empty();
    }

    /** An existing bucket is named, never derived, and its location is Cloud Storage's, not the config's. */
    private Optional<BucketPlan> existingBucket(BucketConfig bucket) {
        if (bucket.name() == null) {
            problems.add("bucket.name", "missing: an existing bucket (bucket.existing: true) must be named");
        }
        boolean valid = bucket.name() != null && problems.check("bucket.name", () -> BucketName.require(bucket.name()));
        if (bucket.location() != null) {
            problems.add("bucket.location", Problems.quote(bucket.location()) + " is not allowed with bucket.existing:"
                    + " true: the existing bucket keeps its location; remove the key");
            valid = false;
        }
        return valid ? Optional.of(BucketPlan.existing(bucket.name())) : Optional.empty();
    }

    /**
     * The multi-cluster gateway's invariants across clusters ({@link CrossClusterValidator}): one config cluster and
     * the NEG budget always; the settings every cluster must share once every region is resolved.
     */
    private void crossCluster(List<RegionConfig> configs, List<Optional<ClusterResolver.Region>> regions,
            Optional<InferenceNetworkProps> network, Optional<ServingPlan> serving) {
        if (configs.isEmpty()) {
            return; // no region at all is reported as such
        }
        List<ClusterServingPlan> plans = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            plans.add(new ClusterServingPlan("regions[" + i + "]", configs.get(i).region(),
                    Boolean.TRUE.equals(configs.get(i).configCluster()),
                    network.map(InferenceNetworkProps::name).orElse(""), serving.map(ServingPlan::poolName).orElse(""),
                    serving.map(s -> s.objectives().stream().map(o -> o.name()).toList()).orElse(List.of()),
                    List.of(VllmTpuServer.PORT), ZONES_PER_REGIONAL_CLUSTER));
        }
        problems.addAll(CrossClusterValidator.configClusterProblems(plans));
        problems.addAll(CrossClusterValidator.negBudgetProblems(plans));
        if (network.isPresent() && serving.isPresent() && regions.stream().allMatch(Optional::isPresent)) {
            problems.addAll(CrossClusterValidator.sharedSettingProblems(plans));
        }
    }

    /** Every stack id of the deployment: workspace names are checked against each. */
    private static List<String> stackIds(List<String> regions) {
        List<String> ids = new ArrayList<>(List.of(StackNames.GLOBAL));
        regions.forEach(r -> ids.add(StackNames.cluster(String.valueOf(r))));
        regions.forEach(r -> ids.add(StackNames.platform(String.valueOf(r))));
        regions.forEach(r -> ids.add(StackNames.workload(String.valueOf(r))));
        ids.addAll(List.of(StackNames.FLEET, StackNames.GATEWAY));
        return ids;
    }

    /** Zones outside {@link #KNOWN_V6E_ZONES}: not an error (new zones open), but worth a warning. */
    private static List<String> warnings(List<RegionConfig> regions) {
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < regions.size(); i++) {
            String zone = regions.get(i).zone();
            if (zone != null && !KNOWN_V6E_ZONES.contains(zone)) {
                warnings.add("regions[" + i + "].zone: '" + zone + "' is not a zone known to offer TPU v6e ("
                        + String.join(", ", KNOWN_V6E_ZONES.stream().sorted().toList()) + ")");
            }
        }
        return warnings;
    }

    private static void requireMatch(String value, Pattern pattern, String what) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(Problems.quote(value) + " " + what);
        }
    }
}
