package dev.gkeinference.stacks.config;

/**
 * One region of the deployment: a regional cluster with a TPU pool in one zone.
 *
 * @param region          e.g. {@code europe-west4}
 * @param zone            zone of the TPU pool, in {@code region}
 * @param configCluster   whether this cluster is the fleet's multi-cluster ingress config cluster (exactly one is).
 *                        Default: false
 * @param existingCluster the name of an existing regional cluster in the VPC to add the TPU pool and the workloads
 *                        to. Default: none, a new cluster
 * @param tpu             the TPU node pool
 * @param cidrs           the CIDR blocks of the subnets the deployment creates
 * @param subnets         the subnets that exist (in an existing VPC)
 */
public record RegionConfig(String region, String zone, Boolean configCluster, String existingCluster, TpuConfig tpu,
        CidrConfig cidrs, SubnetsConfig subnets) {
}
