package dev.gkeinference.constructs.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.gkeinference.constructs.testing.Manifests;
import dev.gkeinference.constructs.testing.SynthJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayTest {
    private static final PoolImport POOL = new PoolImport("gemma");

    @Test
    void gatewayHasOneAddressPerRegionAndAnHttpListener() {
        TerraformStack stack = SynthJson.newStack();
        new InferenceGateway(stack, "gateway", InferenceGatewayProps.builder().namespace("inference")
                .addresses(List.of(GatewayAddress.ephemeral("europe-west4"),
                        GatewayAddress.reserved("us-east5", "gateway-vip-us-east5")))
                .build());

        JsonNode gateway = Manifests.find(SynthJson.synth(stack), "Gateway", "cross-region-gateway");
        assertEquals("gateway.networking.k8s.io/v1", gateway.path("apiVersion").asText());
        assertEquals("gke-l7-cross-regional-internal-managed-mc", gateway.path("spec").path("gatewayClassName")
                .asText());
        JsonNode addresses = gateway.path("spec").path("addresses");
        assertEquals("networking.gke.io/ephemeral-ipv4-address/europe-west4", addresses.get(0).path("type").asText());
        assertEquals("europe-west4", addresses.get(0).path("value").asText());
        assertEquals("networking.gke.io/named-address-with-region", addresses.get(1).path("type").asText());
        assertEquals("regions/us-east5/addresses/gateway-vip-us-east5", addresses.get(1).path("value").asText());
        JsonNode listener = gateway.path("spec").path("listeners").get(0);
        assertEquals("http", listener.path("name").asText());
        assertEquals("HTTP", listener.path("protocol").asText());
        assertEquals(80, listener.path("port").asInt());
    }

    @Test
    void failsOnTwoAddressesInOneRegionOrNone() {
        TerraformStack stack = SynthJson.newStack();
        assertThrows(IllegalArgumentException.class, () -> new InferenceGateway(stack, "a",
                InferenceGatewayProps.builder().namespace("inference").addresses(List.of(
                        GatewayAddress.ephemeral("us-east5"), GatewayAddress.reserved("us-east5", "vip"))).build()));
        assertThrows(IllegalArgumentException.class, () -> new InferenceGateway(stack, "b",
                InferenceGatewayProps.builder().namespace("inference").build()));
        assertThrows(IllegalArgumentException.class, () -> GatewayAddress.ephemeral("us east5"));
    }

    @Test
    void routeSendsEverythingToThePoolImport() {
        TerraformStack stack = SynthJson.newStack();
        new PoolImportRoute(stack, "route", PoolImportRouteProps.of("inference", "cross-region-gateway", POOL));

        JsonNode route = Manifests.find(SynthJson.synth(stack), "HTTPRoute", "gemma-default");
        assertEquals("gateway.networking.k8s.io/v1", route.path("apiVersion").asText());
        JsonNode parent = route.path("spec").path("parentRefs").get(0);
        assertEquals("cross-region-gateway", parent.path("name").asText());
        assertEquals("Gateway", parent.path("kind").asText());
        JsonNode backend = route.path("spec").path("rules").get(0).path("backendRefs").get(0);
        assertEquals("networking.gke.io", backend.path("group").asText());
        assertEquals("GCPInferencePoolImport", backend.path("kind").asText());
        assertEquals("gemma", backend.path("name").asText());
        assertTrue(backend.path("port").isMissingNode());
    }

    @Test
    void healthCheckProbesHealthOnTheServingPort() {
        TerraformStack stack = SynthJson.newStack();
        new PoolImportHealthCheck(stack, "health", PoolImportHealthCheckProps.of("inference", POOL, 8000));

        JsonNode policy = Manifests.find(SynthJson.synth(stack), "HealthCheckPolicy", "gemma-health-check");
        assertEquals("networking.gke.io/v1", policy.path("apiVersion").asText());
        assertTargetsImport(policy);
        JsonNode config = policy.path("spec").path("default").path("config");
        assertEquals("HTTP", config.path("type").asText());
        assertEquals("/health", config.path("httpHealthCheck").path("requestPath").asText());
        assertEquals(8000, config.path("httpHealthCheck").path("port").asInt());
    }

    @Test
    void backendPolicyBalancesOnKvCacheByDefault() {
        TerraformStack stack = SynthJson.newStack();
        new PoolImportBackendPolicy(stack, "backend", PoolImportBackendPolicyProps.builder()
                .name("gemma-backend-policy").namespace("inference").pool(POOL).build());

        JsonNode policy = Manifests.find(SynthJson.synth(stack), "GCPBackendPolicy", "gemma-backend-policy");
        assertEquals("networking.gke.io/v1", policy.path("apiVersion").asText());
        assertTargetsImport(policy);
        JsonNode defaults = policy.path("spec").path("default");
        assertEquals(600, defaults.path("timeoutSec").asInt());
        assertEquals("CUSTOM_METRICS", defaults.path("balancingMode").asText());
        assertEquals("LONG", defaults.path("trafficDuration").asText());
        JsonNode metric = defaults.path("customMetrics").get(0);
        assertEquals("gke.named_metrics.kv-cache", metric.path("name").asText());
        assertEquals(60, metric.path("maxUtilizationPercent").asInt());
        assertTrue(metric.path("dryRun").isBoolean() && !metric.path("dryRun").asBoolean());
        assertTrue(defaults.path("maxInFlightRequestsPerEndpoint").isMissingNode());
    }

    @Test
    void inFlightBalancingExcludesCustomMetrics() {
        TerraformStack stack = SynthJson.newStack();
        new PoolImportBackendPolicy(stack, "backend", PoolImportBackendPolicyProps.builder()
                .name("gemma-backend-policy").namespace("inference").pool(POOL)
                .balancingMode(BalancingMode.inFlight(1000)).timeoutSec(3600).build());

        JsonNode defaults = Manifests.find(SynthJson.synth(stack), "GCPBackendPolicy", "gemma-backend-policy")
                .path("spec").path("default");
        assertEquals("IN_FLIGHT", defaults.path("balancingMode").asText());
        assertEquals(1000, defaults.path("maxInFlightRequestsPerEndpoint").asInt());
        assertEquals(3600, defaults.path("timeoutSec").asInt());
        assertTrue(defaults.path("customMetrics").isMissingNode());
    }

    @Test
    void failsOnAnOutOfRangeUtilisationOrBadMetricName() {
        assertThrows(IllegalArgumentException.class, () -> BalancingMode.customMetric("kv-cache", 0));
        assertThrows(IllegalArgumentException.class, () -> BalancingMode.customMetric("kv-cache", 101));
        assertThrows(IllegalArgumentException.class, () -> BalancingMode.customMetric("KV_Cache", 60));
    }

    private static void assertTargetsImport(JsonNode policy) {
        JsonNode target = policy.path("spec").path("targetRef");
        assertEquals("networking.gke.io", target.path("group").asText());
        assertEquals("GCPInferencePoolImport", target.path("kind").asText());
        assertEquals("gemma", target.path("name").asText());
    }
}
