package dev.gkeinference.stacks.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gkeinference.constructs.testing.SynthJson;
import dev.gkeinference.constructs.testing.SynthesizedOutput;
import dev.gkeinference.stacks.config.ConfigFixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cluster stacks as the config shapes them: versions, control plane access, TPU boot disks, providers. */
class ClusterStacksTest {
    private static SynthesizedOutput reference;
    private static SynthesizedOutput variant;

    @BeforeAll
    static void synthesize() {
        reference = SynthesizedApp.of(ConfigFixtures.referencePlan());
        String yaml = ConfigFixtures.reference();
        variant = SynthesizedApp.of(ConfigFixtures.plan(
                replace(replace(replace(yaml,
                        "  releaseChannel: REGULAR\n",
                        "  releaseChannel: RAPID\n  minVersion: '1.36'\n  authorizedNetworks: [203.0.113.0/24]\n"),
                        "      capacity: on-demand\n", "      capacity: on-demand\n      bootDiskSizeGb: 300\n"),
                        "      balancingMode: CUSTOM_METRICS\n      metric: kv-cache\n      maxUtilizationPercent: 60\n",
                        "      balancingMode: IN_FLIGHT\n      maxInFlightRequestsPerEndpoint: 8\n")));
    }

    private static String replace(String yaml, String from, String to) {
        if (!yaml.contains(from)) {
            throw new AssertionError("the reference deployment no longer contains: " + from);
        }
        return yaml.replace(from, to);
    }

    private static JsonNode cluster(SynthesizedOutput app, String region) {
        return SynthJson.onlyResource(app.stack("cluster-" + region), "google_container_cluster");
    }

    private static JsonNode tpuPool(SynthesizedOutput app, String region) {
        return SynthJson.resources(app.stack("cluster-" + region), "google_container_node_pool").stream()
                .filter(p -> p.path("name").asText().equals("tpu-v6e")).findFirst().orElseThrow();
    }

    private static List<String> minimums(JsonNode cluster) {
        List<String> minimums = new ArrayList<>();
        cluster.at("/lifecycle/precondition").forEach(c -> minimums.add(c.path("error_message").asText()
                .replaceAll(".* is older than ([^,]+), which (.*) needs.*", "$1 $2")));
        return minimums;
    }

    @Test
    void referenceClustersRequireWhatDranetAndCustomMetricLoadBalancingNeed() {
        for (String region : List.of("europe-west4", "us-east5")) {
            JsonNode cluster = cluster(reference, region);
            assertEquals("REGULAR", cluster.at("/release_channel/channel").asText());
            assertTrue(cluster.path("min_master_version").isMissingNode());
            assertEquals(List.of("1.34.1-gke.1829001 managed DRANET",
                    "1.35.1-gke.1396000 custom-metrics load balancing"), minimums(cluster));
            assertEquals(2, cluster.at("/lifecycle/postcondition").size());
            JsonNode versions = reference.stack("cluster-" + region).path("data")
                    .path("google_container_engine_versions");
            assertEquals(region, versions.elements().next().path("location").asText());
        }
    }

    @Test
    void referenceClustersHaveOnlyTheDnsEndpoint() {
        JsonNode cluster = cluster(reference, "europe-west4");
        assertTrue(cluster.at("/control_plane_endpoints_config/dns_endpoint_config/allow_external_traffic")
                .asBoolean());
        assertFalse(cluster.at("/control_plane_endpoints_config/ip_endpoints_config/enabled").asBoolean(true));
        String outputs = reference.stack("cluster-europe-west4").path("output").toString();
        assertTrue(outputs.contains("control_plane_endpoints_config[0].dns_endpoint_config[0].endpoint"), outputs);
        assertFalse(outputs.contains("cluster_ca_certificate"), "no stack needs the cluster CA any more");
    }

    @Test
    void referenceTpuPoolsAreSingleHostWithoutPlacementPolicyOnHyperdiskBalanced() {
        JsonNode pool = tpuPool(reference, "us-east5");
        assertTrue(pool.path("placement_policy").isMissingNode());
        assertEquals("hyperdisk-balanced", pool.at("/node_config/boot_disk/disk_type").asText());
        assertEquals(100, pool.at("/node_config/boot_disk/size_gb").asInt());
    }

    @Test
    void configChoosesChannelFloorControlPlaneNetworksAndBootDisk() {
        JsonNode cluster = cluster(variant, "europe-west4");
        assertEquals("RAPID", cluster.at("/release_channel/channel").asText());
        assertEquals(List.of("1.36 this deployment (cluster.minVersion)", "1.34.1-gke.1829001 managed DRANET"),
                minimums(cluster), "IN_FLIGHT balancing needs no custom-metric export");
        assertTrue(cluster.at("/control_plane_endpoints_config/ip_endpoints_config/enabled").asBoolean());
        assertEquals("203.0.113.0/24",
                cluster.at("/master_authorized_networks_config/cidr_blocks/0/cidr_block").asText());
        assertEquals(300, tpuPool(variant, "europe-west4").at("/node_config/boot_disk/size_gb").asInt());
    }

    @Test
    void everyStackAcceptsGoogle7And8AndKubernetes2And3() {
        int kubernetesStacks = 0;
        for (String name : reference.stackNames()) {
            JsonNode providers = reference.stack(name).at("/terraform/required_providers");
            assertEquals(">= 7.31.0, < 9.0.0", providers.at("/google/version").asText(), name);
            if (!reference.stack(name).path("provider").path("kubernetes").isMissingNode()) {
                kubernetesStacks++;
                assertEquals(">= 2.38.0, < 4.0.0", providers.at("/kubernetes/version").asText(), name);
            } else {
                assertTrue(providers.path("kubernetes").isMissingNode(), name);
            }
        }
        assertEquals(5, kubernetesStacks);
    }
}
