package dev.gkeinference.stacks.config;

import dev.gkeinference.constructs.gateway.BalancingMode;
import dev.gkeinference.constructs.gateway.GatewayAddress;
import dev.gkeinference.constructs.gateway.PoolImportBackendPolicyProps;
import java.util.List;
import java.util.Map;

/**
 * The multi-cluster Inference Gateway on the config cluster ({@code serving.gateway}).
 *
 * @param name              Gateway name. Default: {@code cross-region-gateway}
 * @param reservedAddresses per region, the name of a reserved internal address ({@code address_type INTERNAL},
 *                          {@code purpose SHARED_LOADBALANCER_VIP}) in the region's node subnet to use as its VIP.
 *                          Regions not listed get an ephemeral address. Default: none, all ephemeral
 * @param backendPolicy     how the load balancer balances between clusters
 */
public record GatewayConfig(String name, Map<String, String> reservedAddresses, BackendPolicy backendPolicy) {

    public static final String DEFAULT_NAME = "cross-region-gateway";
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

    public static final GatewayConfig DEFAULTS = new GatewayConfig(null, null, null);

    public GatewayConfig {
        reservedAddresses = reservedAddresses == null ? Map.of() : Map.copyOf(reservedAddresses);
        backendPolicy = backendPolicy == null ? new BackendPolicy(null, null, null, null, null) : backendPolicy;
    }

    public String effectiveName() {
        return name == null ? DEFAULT_NAME : name;
    }

    public String balancingModeName() {
        return backendPolicy.balancingMode() == null ? CUSTOM_METRICS : backendPolicy.balancingMode();
    }

    public String balancedMetric() {
        return backendPolicy.metric() == null ? "kv-cache" : backendPolicy.metric();
    }

    public int maxUtilizationPercent() {
        return backendPolicy.maxUtilizationPercent() == null
                ? PoolImportBackendPolicyProps.DEFAULT_MAX_UTILIZATION_PERCENT : backendPolicy.maxUtilizationPercent();
    }

    public int timeoutSec() {
        return backendPolicy.timeoutSec() == null
                ? PoolImportBackendPolicyProps.DEFAULT_TIMEOUT_SEC : backendPolicy.timeoutSec();
    }

    /** The balancing mode; call after validation. */
    public BalancingMode balancingMode() {
        return IN_FLIGHT.equals(balancingModeName())
                ? BalancingMode.inFlight(backendPolicy.maxInFlightRequestsPerEndpoint())
                : BalancingMode.customMetric(balancedMetric(), maxUtilizationPercent());
    }

    /** One address per region, in the order of the regions. */
    public List<GatewayAddress> addresses(List<String> regions) {
        return regions.stream()
                .map(region -> reservedAddresses.containsKey(region)
                        ? GatewayAddress.reserved(region, reservedAddresses.get(region))
                        : GatewayAddress.ephemeral(region))
                .toList();
    }
}
