package dev.gkeinference.stacks.config;

/**
 * One region of the deployment: a regional cluster with a TPU pool in one zone.
 *
 * @param region        e.g. {@code europe-west4}
 * @param zone          zone of the TPU pool, in {@code region}
 * @param configCluster whether this cluster is the fleet's multi-cluster ingress config cluster (exactly one is).
 *                      Default: false
 * @param tpu           the TPU node pool
 * @param cidrs         the region's address plan
 */
public record RegionConfig(String region, String zone, Boolean configCluster, TpuConfig tpu, CidrConfig cidrs) {
}
