package dev.gkeinference.constructs.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.gkeinference.constructs.testing.SynthJson;
import dev.gkeinference.constructs.testing.TerraformPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The inference network added to a VPC that exists: what it reads, what it creates, what it checks. */
class InferenceNetworkInExistingVpcTest {
    /** Both subnets exist. */
    private static final NetworkRegion EU = new NetworkRegion("europe-west4", null, null, null, null,
            new ExistingSubnet("platform-ew4-nodes", "gke-pods", "gke-services"), "platform-ew4-proxy-only");
    /** New subnets in the existing VPC. */
    private static final NetworkRegion US = new NetworkRegion("us-east5",
            "10.1.0.0/20", "10.24.0.0/14", "10.21.0.0/20", "10.30.2.0/23");
    /** An existing cluster brings its node subnet; the proxy-only subnet is created. */
    private static final NetworkRegion CENTRAL = new NetworkRegion("us-central1", null, null, null, "10.30.4.0/23",
            null, null);

    private static InferenceNetwork network(TerraformStack stack) {
        return new InferenceNetwork(stack, "network", InferenceNetworkProps.builder().project("acme-prod")
                .name("platform-vpc").existing(true).resourcePrefix("gemma-vpc").regions(List.of(EU, US, CENTRAL))
                .build());
    }

    private static JsonNode synth() {
        TerraformStack stack = SynthJson.newStack();
        network(stack);
        return SynthJson.synth(stack);
    }

    @Test
    void readsTheVpcAndCreatesOnlyWhatIsMissing() {
        JsonNode synth = synth();
        assertEquals(List.of(), SynthJson.resources(synth, "google_compute_network"));
        JsonNode vpc = synth.at("/data/google_compute_network").elements().next();
        assertEquals("platform-vpc", vpc.path("name").asText());
        List<String> created = SynthJson.resources(synth, "google_compute_subnetwork").stream()
                .map(s -> s.path("name").asText()).sorted().toList();
        assertEquals(List.of("gemma-vpc-us-central1-proxy-only", "gemma-vpc-us-east5-nodes",
                "gemma-vpc-us-east5-proxy-only"), created);
        for (JsonNode subnet : SynthJson.resources(synth, "google_compute_subnetwork")) {
            assertTrue(subnet.path("network").asText().startsWith("${data.google_compute_network.network_existing-vpc_"),
                    subnet.toString());
        }
        // NAT only for the node subnet it creates: an existing subnet's range already has its own egress
        JsonNode nat = SynthJson.onlyResource(synth, "google_compute_router_nat");
        assertEquals("gemma-vpc-us-east5-nat", nat.path("name").asText());
    }

    @Test
    void theFirewallAdmitsTheProxyRangesItCreatesAndThoseThatExist() {
        JsonNode synth = synth();
        JsonNode proxies = SynthJson.resources(synth, "google_compute_firewall").stream()
                .filter(f -> f.path("name").asText().equals("gemma-vpc-allow-proxy-only")).findFirst().orElseThrow();
        List<String> ranges = new java.util.ArrayList<>();
        proxies.path("source_ranges").forEach(r -> ranges.add(r.asText()));
        assertEquals(3, ranges.size(), ranges.toString());
        assertTrue(ranges.get(0).matches("\\$\\{data\\.google_compute_subnetwork\\.network_europe-west4_existing"
                + "-proxy-only_[0-9A-F]+\\.ip_cidr_range}"), ranges.get(0));
        assertEquals(List.of("10.30.2.0/23", "10.30.4.0/23"), ranges.subList(1, 3));
    }

    @Test
    void anExistingNodeSubnetGivesTheClusterItsSelfLinkAndRangeNames() {
        TerraformStack stack = SynthJson.newStack();
        IRegionalSubnets subnets = network(stack).region("europe-west4");
        assertEquals("gke-pods", subnets.podRangeName());
        assertEquals("gke-services", subnets.serviceRangeName());
        assertThrows(IllegalStateException.class, () -> network(SynthJson.newStack()).region("us-central1")
                .nodeSubnetSelfLink());
    }

    @Test
    void thePlanChecksAnExistingSubnetsVpcAndSecondaryRanges() {
        JsonNode data = SynthJson.synth(stackWithNetwork()).at("/data/google_compute_subnetwork");
        JsonNode nodes = null;
        for (JsonNode subnet : data) {
            if (subnet.path("name").asText().equals("platform-ew4-nodes")) {
                nodes = subnet;
            }
        }
        ArrayNode checks = JsonNodeFactory.instance.arrayNode();
        for (JsonNode condition : nodes.at("/lifecycle/postcondition")) {
            ObjectNode check = condition.deepCopy();
            check.put("condition", condition.path("condition").asText().replace("self.", "var.v."));
            checks.add(check);
        }
        ObjectNode good = (ObjectNode) SynthJson.parse("""
                {"network": "https://www.googleapis.com/compute/v1/projects/acme-prod/global/networks/platform-vpc",
                 "secondary_ip_range": [{"range_name": "gke-pods"}, {"range_name": "gke-services"}]}""");
        TerraformPlan.Result passes = TerraformPlan.withPreconditions(checks, good);
        assertEquals(0, passes.exitCode(), passes.output());

        ObjectNode bad = (ObjectNode) SynthJson.parse("""
                {"network": "https://www.googleapis.com/compute/v1/projects/acme-prod/global/networks/default",
                 "secondary_ip_range": [{"range_name": "pods"}]}""");
        TerraformPlan.Result fails = TerraformPlan.withPreconditions(checks, bad);
        String output = fails.output().replaceAll("[│╷╵\\s]+", " ");
        assertEquals(1, fails.exitCode(), output);
        assertTrue(output.contains("subnet platform-ew4-nodes in europe-west4 is not in VPC platform-vpc"), output);
        assertTrue(output.contains("has no secondary range 'gke-pods' for pods"), output);
        assertTrue(output.contains("has no secondary range 'gke-services' for Services"), output);
    }

    private static TerraformStack stackWithNetwork() {
        TerraformStack stack = SynthJson.newStack();
        network(stack);
        return stack;
    }

    @Test
    void aNewVpcHoldsNoExistingSubnetAndAnExistingVpcKeepsItsMtu() {
        IllegalArgumentException existingSubnets = assertThrows(IllegalArgumentException.class,
                () -> InferenceNetworkProps.builder().project("p").name("n").regions(List.of(EU)).build());
        assertEquals("region europe-west4 uses existing subnets or an existing cluster, which only an existing VPC"
                + " can hold", existingSubnets.getMessage());
        IllegalArgumentException mtu = assertThrows(IllegalArgumentException.class,
                () -> InferenceNetworkProps.builder().project("p").name("n").existing(true).mtu(1500)
                        .regions(List.of(US)).build());
        assertEquals("'1500' cannot be set: an existing VPC keeps its own MTU", mtu.getMessage());
    }

    @Test
    void eachSubnetIsEitherCreatedOrExisting() {
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> new NetworkRegion(
                "us-east5", "10.1.0.0/20", "10.24.0.0/14", "10.21.0.0/20", "10.30.2.0/23",
                new ExistingSubnet("s", "a", "b"), null));
        assertTrue(both.getMessage().startsWith("the node subnet is either created"), both.getMessage());
        IllegalArgumentException noProxy = assertThrows(IllegalArgumentException.class, () -> new NetworkRegion(
                "us-east5", null, null, null, null, null, null));
        assertTrue(noProxy.getMessage().startsWith("the proxy-only subnet is either created"), noProxy.getMessage());
        IllegalArgumentException sameRange = assertThrows(IllegalArgumentException.class,
                () -> new ExistingSubnet("s", "pods", "pods"));
        assertEquals("'pods' names both secondary ranges: pods and Services need one each", sameRange.getMessage());
    }
}
