package dev.gkeinference.stacks.config;

import java.util.List;
import java.util.Map;

/**
 * The whole deployment, as the YAML file writes it: a key the file leaves out is {@code null} here. Defaults are
 * applied, and rules checked, when a config is resolved into a {@code DeploymentPlan}.
 *
 * @param project  GCP project id (or {@code --project})
 * @param name     deployment name, the prefix of cluster, VPC and bucket names. Default: {@value #DEFAULT_NAME}
 * @param labels   labels on every labelled resource. Default: none
 * @param network  the shared VPC
 * @param cluster  settings of every cluster
 * @param regions  the regions, each one cluster; exactly one is the config cluster
 * @param model    the model served
 * @param bucket   the model-weights bucket
 * @param backend  where each stack keeps its Terraform state. Default: local state files beside the output
 * @param policy   waivers of the baseline policy. Default: none, every rule holds
 * @param serving  how the model is served and reached through the gateway
 */
public record DeploymentConfig(String project, String name, Map<String, String> labels, NetworkConfig network,
        ClusterConfig cluster, List<RegionConfig> regions, ModelConfig model, BucketConfig bucket,
        BackendConfig backend, PolicyConfig policy, ServingConfig serving) {

    public static final String DEFAULT_NAME = "inference";
}
