package dev.gkeinference.stacks.config;

import java.util.List;
import java.util.Map;

/**
 * The whole deployment, as the YAML file describes it. Values the file leaves out are {@code null} here; the
 * accessors below the components give the effective value with its documented default, so that defaults derived
 * from other values (the bucket name from the project) follow an override of those values.
 *
 * @param project  GCP project id
 * @param name     deployment name, the prefix of cluster, VPC and bucket names. Default: {@code inference}
 * @param labels   labels on every labelled resource. Default: none
 * @param network  the shared VPC
 * @param cluster  settings of every cluster
 * @param regions  the regions, each one cluster; exactly one is the config cluster
 * @param model    the model served
 * @param bucket   the model-weights bucket
 * @param backend  where each stack keeps its Terraform state. Default: local state files beside the output
 * @param policy   waivers of the baseline policy. Default: none, every rule holds
 * @param serving  how the model is served and reached through the gateway. Default: {@link ServingConfig#DEFAULTS}
 */
public record DeploymentConfig(String project, String name, Map<String, String> labels, NetworkConfig network,
        ClusterConfig cluster, List<RegionConfig> regions, ModelConfig model, BucketConfig bucket,
        BackendConfig backend, PolicyConfig policy, ServingConfig serving) {

    public static final String DEFAULT_NAME = "inference";

    public DeploymentConfig {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        regions = regions == null ? List.of() : List.copyOf(regions);
        network = network == null ? new NetworkConfig(null, null) : network;
        cluster = cluster == null ? new ClusterConfig(null, null, null, null, null) : cluster;
        bucket = bucket == null ? new BucketConfig(null, null) : bucket;
        backend = backend == null ? BackendConfig.DEFAULT : backend;
        policy = policy == null ? PolicyConfig.NONE : policy;
        serving = serving == null ? ServingConfig.DEFAULTS : serving;
    }

    /** The same deployment in another project. */
    public DeploymentConfig withProject(String otherProject) {
        return new DeploymentConfig(otherProject, name, labels, network, cluster, regions, model, bucket, backend,
                policy, serving);
    }

    /** The same deployment with another endpoint picker jar ({@code serving.endpointPicker.jar}). */
    public DeploymentConfig withPickerJar(String jar) {
        return new DeploymentConfig(project, name, labels, network, cluster, regions, model, bucket, backend,
                policy, serving.withPickerJar(jar));
    }

    public String deploymentName() {
        return name == null ? DEFAULT_NAME : name;
    }

    public String networkName() {
        return network.name() == null ? deploymentName() + "-vpc" : network.name();
    }

    public int networkMtu() {
        return network.mtu() == null ? 8896 : network.mtu();
    }

    public String bucketName() {
        return bucket.name() == null ? project + "-" + deploymentName() + "-weights" : bucket.name();
    }

    public String bucketLocation() {
        return bucket.location() == null ? "US" : bucket.location();
    }

    /** Cluster name of a region: {@code <deployment name>-<region>}. */
    public String clusterName(RegionConfig region) {
        return deploymentName() + "-" + region.region();
    }

    /**
     * Account id of a region's node service account, {@code <name>-<short region>-nodes}: ids are at most 30
     * characters, so the continent part of the region is abbreviated (europe-west4 becomes eu-west4).
     */
    public String nodeServiceAccountId(RegionConfig region) {
        return deploymentName() + "-" + shortRegion(region.region()) + "-nodes";
    }

    static String shortRegion(String region) {
        int dash = region.indexOf('-');
        if (dash < 0) {
            return region;
        }
        String continent = region.substring(0, dash);
        String abbreviation = switch (continent) {
            case "northamerica" -> "na";
            case "southamerica" -> "sa";
            case "europe" -> "eu";
            case "asia" -> "as";
            case "australia" -> "au";
            case "africa" -> "af";
            default -> continent;
        };
        return abbreviation + region.substring(dash);
    }

    /** The region whose cluster is the config cluster; call after validation. */
    public RegionConfig configRegion() {
        return regions.stream().filter(RegionConfig::isConfigCluster).findFirst()
                .orElseThrow(() -> new IllegalStateException("no config cluster"));
    }
}
