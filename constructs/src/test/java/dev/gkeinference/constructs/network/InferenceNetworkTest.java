package dev.gkeinference.constructs.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.gkeinference.constructs.testing.SynthJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class InferenceNetworkTest {
    private static final NetworkRegion EU = new NetworkRegion("europe-west4",
            "10.0.0.0/20", "10.16.0.0/14", "10.20.0.0/20", "10.30.0.0/23");
    private static final NetworkRegion US = new NetworkRegion("us-east5",
            "10.1.0.0/20", "10.24.0.0/14", "10.21.0.0/20", "10.30.2.0/23");

    private static JsonNode synth() {
        TerraformStack stack = SynthJson.newStack();
        new InferenceNetwork(stack, "network", InferenceNetworkProps.builder()
                .project("acme-prod").name("inference-vpc").regions(List.of(EU, US)).build());
        return SynthJson.synth(stack);
    }

    @Test
    void customModeVpc() {
        JsonNode vpc = SynthJson.onlyResource(synth(), "google_compute_network");
        assertEquals("inference-vpc", vpc.path("name").asText());
        assertFalse(vpc.path("auto_create_subnetworks").asBoolean(true));
        assertEquals(8896, vpc.path("mtu").asInt());
        assertEquals("GLOBAL", vpc.path("routing_mode").asText());
    }

    @Test
    void perRegionNodeAndProxyOnlySubnets() {
        List<JsonNode> subnets = SynthJson.resources(synth(), "google_compute_subnetwork");
        assertEquals(4, subnets.size());
        JsonNode nodes = subnets.stream().filter(s -> s.path("name").asText().equals("inference-vpc-europe-west4-nodes"))
                .findFirst().orElseThrow();
        assertEquals("10.0.0.0/20", nodes.path("ip_cidr_range").asText());
        assertTrue(nodes.path("private_ip_google_access").asBoolean());
        assertEquals("pods", nodes.at("/secondary_ip_range/0/range_name").asText());
        assertEquals("10.16.0.0/14", nodes.at("/secondary_ip_range/0/ip_cidr_range").asText());
        assertEquals("services", nodes.at("/secondary_ip_range/1/range_name").asText());

        JsonNode proxy = subnets.stream().filter(s -> s.path("name").asText().equals("inference-vpc-us-east5-proxy-only"))
                .findFirst().orElseThrow();
        assertEquals("GLOBAL_MANAGED_PROXY", proxy.path("purpose").asText());
        assertEquals("ACTIVE", proxy.path("role").asText());
        assertEquals("us-east5", proxy.path("region").asText());
        assertEquals("10.30.2.0/23", proxy.path("ip_cidr_range").asText());
    }

    @Test
    void natForPrivateNodesInEveryRegion() {
        JsonNode synth = synth();
        assertEquals(2, SynthJson.resources(synth, "google_compute_router").size());
        List<JsonNode> nats = SynthJson.resources(synth, "google_compute_router_nat");
        assertEquals(2, nats.size());
        nats.forEach(nat -> {
            assertEquals("AUTO_ONLY", nat.path("nat_ip_allocate_option").asText());
            assertEquals("LIST_OF_SUBNETWORKS", nat.path("source_subnetwork_ip_ranges_to_nat").asText());
            assertEquals("ALL_IP_RANGES", nat.at("/subnetwork/0/source_ip_ranges_to_nat/0").asText());
        });
    }

    @Test
    void firewallAdmitsHealthChecksAndTheProxyOnlyRanges() {
        List<JsonNode> rules = SynthJson.resources(synth(), "google_compute_firewall");
        JsonNode health = rules.stream().filter(r -> r.path("name").asText().endsWith("allow-health-checks"))
                .findFirst().orElseThrow();
        assertEquals(List.of("130.211.0.0/22", "35.191.0.0/16"), texts(health.path("source_ranges")));
        assertEquals("tcp", health.at("/allow/0/protocol").asText());
        assertEquals(List.of("8000", "9002", "9003"), texts(health.at("/allow/0/ports")));

        JsonNode proxy = rules.stream().filter(r -> r.path("name").asText().endsWith("allow-proxy-only"))
                .findFirst().orElseThrow();
        assertEquals(List.of("10.30.0.0/23", "10.30.2.0/23"), texts(proxy.path("source_ranges")));
    }

    @Test
    void failsOnADuplicateRegion() {
        TerraformStack stack = SynthJson.newStack();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new InferenceNetwork(stack,
                "network", InferenceNetworkProps.builder().project("p").name("n").regions(List.of(EU, EU)).build()));
        assertEquals("'europe-west4' appears twice: each region holds one address plan (and one cluster)",
                e.getMessage());
    }

    @Test
    void cidrParsingNamesTheProblem() {
        assertEquals("'10.0.0.1/20' has host bits set: did you mean 10.0.0.0/20?",
                assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.1/20")).getMessage());
        assertEquals("'10.0.0/20' is not an IPv4 CIDR block such as 10.0.0.0/20",
                assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0/20")).getMessage());
        assertTrue(Cidr.parse("10.0.0.0/16").overlaps(Cidr.parse("10.0.128.0/20")));
        assertFalse(Cidr.parse("10.0.0.0/20").overlaps(Cidr.parse("10.0.16.0/20")));
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
