package dev.gkeinference.stacks.config;

import java.util.Map;

/**
 * The multi-cluster Inference Gateway on the config cluster ({@code serving.gateway}), as the file writes it.
 *
 * @param name              Gateway name. Default: the gateway construct's, {@code cross-region-gateway}
 * @param reservedAddresses per region, the name of a reserved internal address ({@code address_type INTERNAL},
 *                          {@code purpose SHARED_LOADBALANCER_VIP}) in the region's node subnet to use as its VIP.
 *                          Regions not listed get an ephemeral address. Default: none, all ephemeral
 * @param backendPolicy     how the load balancer balances between clusters
 */
public record GatewayConfig(String name, Map<String, String> reservedAddresses, BackendPolicy backendPolicy) {

    public static final String CUSTOM_METRICS = "CUSTOM_METRICS";
    public static final String IN_FLIGHT = "IN_FLIGHT";

    /**
     * The GCPBackendPolicy of the imported pool. One balancing mode: {@code CUSTOM_METRICS} uses
     * {@code metric} and {@code maxUtilizationPercent}; {@code IN_FLIGHT} uses {@code maxInFlightRequestsPerEndpoint}.
     *
     * @param balancingMode                  {@code CUSTOM_METRICS} or {@code IN_FLIGHT}. Default: CUSTOM_METRICS
     * @param metric                         export name of the metric to balance on. Default: {@code kv-cache}
     * @param maxUtilizationPercent          target utilisation of that metric, 1-100. Default: 60
     * @param maxInFlightRequestsPerEndpoint with IN_FLIGHT: concurrent requests per pod
     * @param timeoutSec                     backend timeout; at least twice the P99 latency. Default: 600
     */
    public record BackendPolicy(String balancingMode, String metric, Integer maxUtilizationPercent,
            Integer maxInFlightRequestsPerEndpoint, Integer timeoutSec) {
    }
}
