package dev.gkeinference.constructs.gke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.Testing;
import dev.gkeinference.constructs.testing.SynthJson;
import dev.gkeinference.constructs.testing.TerraformPlan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegionalTpuClusterTest {
    /** The version check as it must appear in the JSON, with VERSION and MINIMUM in place of both sides. */
    private static final String PADDED = "tonumber(format(\"%03d%03d%03d%09d\", [for part in regex("
            + "\"^([0-9]+)[.]([0-9]+)[.]([0-9]+)-gke[.]([0-9]+)$\", VERSION) : tonumber(part)]...))";
    private static final String AT_LEAST = "${try(" + PADDED + " >= " + PADDED.replace("VERSION", "MINIMUM")
            + ", false)}";
    private static final String CHANNEL_DEFAULT =
            "data.google_container_engine_versions.gke_versions_21EB7249.release_channel_default_version[\"REGULAR\"]";

    private static JsonNode synth(RegionalTpuClusterProps props) {
        TerraformStack stack = SynthJson.newStack();
        new RegionalTpuCluster(stack, "gke", props);
        return SynthJson.synth(stack);
    }

    private static JsonNode synthCluster(RegionalTpuClusterProps props) {
        return SynthJson.onlyResource(synth(props), "google_container_cluster");
    }

    private static String atLeast(String version, String minimum) {
        return AT_LEAST.replace("VERSION", version).replace("MINIMUM", "\"" + minimum + "\"");
    }

    @Test
    void clusterHasEveryFeatureTheInferenceGatewayAndDranetNeed() {
        JsonNode cluster = synthCluster(ClusterFixture.props().build());

        assertEquals("inference-europe-west4", cluster.path("name").asText());
        assertEquals("europe-west4", cluster.path("location").asText(), "regional control plane");
        assertEquals("ADVANCED_DATAPATH", cluster.path("datapath_provider").asText());
        assertEquals("VPC_NATIVE", cluster.path("networking_mode").asText());
        assertEquals("pods", cluster.at("/ip_allocation_policy/cluster_secondary_range_name").asText());
        assertEquals("services", cluster.at("/ip_allocation_policy/services_secondary_range_name").asText());
        assertTrue(cluster.at("/private_cluster_config/enable_private_nodes").asBoolean());
        assertTrue(cluster.path("enable_shielded_nodes").asBoolean());
        assertFalse(cluster.path("enable_legacy_abac").asBoolean());
        assertEquals("CHANNEL_STANDARD", cluster.at("/gateway_api_config/channel").asText());
        assertEquals("acme-prod.svc.id.goog", cluster.at("/workload_identity_config/workload_pool").asText());
        assertTrue(cluster.at("/addons_config/gcs_fuse_csi_driver_config/enabled").asBoolean());
        assertFalse(cluster.at("/addons_config/http_load_balancing/disabled").asBoolean(true));
        assertEquals("PERFORMANCE", cluster.at("/pod_autoscaling/hpa_profile").asText());
        assertTrue(cluster.at("/monitoring_config/managed_prometheus/enabled").asBoolean());
        assertEquals("acme-prod", cluster.at("/fleet/project").asText());
        assertTrue(cluster.path("deletion_protection").asBoolean(), "deletion protection is on by default");
        assertTrue(cluster.path("remove_default_node_pool").asBoolean());
        assertEquals(1, cluster.path("initial_node_count").asInt());
        assertEquals("nodes@acme-prod.iam.gserviceaccount.com", cluster.at("/node_config/service_account").asText());
        assertEquals("GKE_METADATA", cluster.at("/node_config/workload_metadata_config/mode").asText());
    }

    @Test
    void versionsComeFromTheRegularChannelNeverFromAFixedString() {
        JsonNode cluster = synthCluster(ClusterFixture.props().build());
        assertEquals("REGULAR", cluster.at("/release_channel/channel").asText());
        assertTrue(cluster.path("min_master_version").isMissingNode());
        assertTrue(cluster.path("node_version").isMissingNode());

        JsonNode rapid = synthCluster(ClusterFixture.props().releaseChannel(ReleaseChannel.RAPID).build());
        assertEquals("RAPID", rapid.at("/release_channel/channel").asText());
    }

    @Test
    void controlPlaneIsReachedThroughTheDnsEndpointWithoutAnIpEndpoint() {
        JsonNode cluster = synthCluster(ClusterFixture.props().build());
        assertTrue(cluster.at("/control_plane_endpoints_config/dns_endpoint_config/allow_external_traffic")
                .asBoolean());
        assertFalse(cluster.at("/control_plane_endpoints_config/ip_endpoints_config/enabled").asBoolean(true));
        assertTrue(cluster.at("/private_cluster_config/enable_private_endpoint").isMissingNode(),
                "a cluster without IP endpoints has neither a public nor a private one to choose");
        assertTrue(cluster.path("master_authorized_networks_config").isMissingNode());
    }

    @Test
    void authorizedNetworksOpenAPublicIpEndpointToThoseNetworksOnly() {
        JsonNode cluster = synthCluster(ClusterFixture.props().authorizedNetworks(List.of("203.0.113.0/24")).build());
        assertTrue(cluster.at("/control_plane_endpoints_config/ip_endpoints_config/enabled").asBoolean());
        assertFalse(cluster.at("/private_cluster_config/enable_private_endpoint").asBoolean(true));
        assertEquals("203.0.113.0/24",
                cluster.at("/master_authorized_networks_config/cidr_blocks/0/cidr_block").asText());
        assertTrue(cluster.at("/control_plane_endpoints_config/dns_endpoint_config/allow_external_traffic")
                .asBoolean(), "the DNS endpoint stays the way in for Terraform");
    }

    @Test
    void systemPoolIsSmallHardenedAndAutoscaled() {
        JsonNode pool = SynthJson.onlyResource(synth(ClusterFixture.props().build()), "google_container_node_pool");
        assertEquals("system", pool.path("name").asText());
        assertEquals("e2-standard-4", pool.at("/node_config/machine_type").asText());
        assertEquals(1, pool.at("/autoscaling/min_node_count").asInt());
        assertEquals(3, pool.at("/autoscaling/max_node_count").asInt());
        assertTrue(pool.at("/management/auto_repair").asBoolean());
        assertTrue(pool.at("/management/auto_upgrade").asBoolean());
        assertEquals("nodes@acme-prod.iam.gserviceaccount.com", pool.at("/node_config/service_account").asText());
        assertEquals("GKE_METADATA", pool.at("/node_config/workload_metadata_config/mode").asText());
        assertTrue(pool.at("/node_config/shielded_instance_config/enable_secure_boot").asBoolean());
    }

    @Test
    void nothingUsesWhatGoogle8Changed() {
        TerraformStack stack = SynthJson.newStack();
        RegionalTpuCluster cluster = new RegionalTpuCluster(stack, "gke", ClusterFixture.props().build());
        cluster.addTpuNodePool("tpu", DranetTpuNodePoolProps.builder().zone("europe-west4-a")
                .slice(new dev.gkeinference.constructs.tpu.TpuSlice("ct6e-standard-4t", "2x2")).build());
        String json = Testing.synth(stack, true);
        JsonNode synth = SynthJson.parse(json);

        // enable_components became a set in google 8: a list literal is fine, an index reference is not.
        assertEquals("[\"SYSTEM_COMPONENTS\"]", SynthJson.onlyResource(synth, "google_container_cluster")
                .at("/monitoring_config/enable_components").toString());
        assertFalse(json.contains("enable_components["), "no reference indexes enable_components");
        // google 8 limits node pool name_prefix to 31 characters; pools are named, never prefixed.
        for (JsonNode pool : SynthJson.resources(synth, "google_container_node_pool")) {
            assertTrue(pool.has("name") && !pool.has("name_prefix"), pool.toString());
        }
    }

    @Test
    void aVersionRequirementFailsThePlanForANewOrAnExistingClusterBelowIt() {
        TerraformStack stack = SynthJson.newStack();
        RegionalTpuCluster cluster = new RegionalTpuCluster(stack, "gke", ClusterFixture.props().build());
        cluster.requireVersion("1.35.1-gke.1396000", "custom-metrics load balancing");
        JsonNode synth = SynthJson.synth(stack);

        JsonNode versions = synth.at("/data/google_container_engine_versions/gke_versions_21EB7249");
        assertEquals("europe-west4", versions.path("location").asText(), "the cluster's exact location");
        assertEquals("acme-prod", versions.path("project").asText());
        JsonNode lifecycle = SynthJson.onlyResource(synth, "google_container_cluster").path("lifecycle");
        assertEquals("node_config", lifecycle.at("/ignore_changes/0").asText());
        assertEquals(1, lifecycle.path("precondition").size());
        assertEquals(atLeast(CHANNEL_DEFAULT, "1.35.1-gke.1396000"),
                lifecycle.at("/precondition/0/condition").asText());
        assertEquals("GKE's default version of the REGULAR channel in europe-west4 is older than 1.35.1-gke.1396000,"
                + " which custom-metrics load balancing needs: choose another release channel"
                + " (cluster.releaseChannel)", lifecycle.at("/precondition/0/error_message").asText());
        assertEquals(atLeast("self.master_version", "1.35.1-gke.1396000"),
                lifecycle.at("/postcondition/0/condition").asText());
        assertEquals("cluster inference-europe-west4 runs a GKE version older than 1.35.1-gke.1396000, which"
                + " custom-metrics load balancing needs: upgrade its control plane (gcloud container clusters"
                + " upgrade --master)", lifecycle.at("/postcondition/0/error_message").asText());
    }

    @Test
    void withoutRequirementsThereIsNoVersionLookup() {
        JsonNode synth = synth(ClusterFixture.props().build());
        assertTrue(synth.path("data").path("google_container_engine_versions").isMissingNode());
        JsonNode lifecycle = SynthJson.onlyResource(synth, "google_container_cluster").path("lifecycle");
        assertTrue(lifecycle.path("precondition").isMissingNode());
    }

    @Test
    void aMinimumVersionPrefixStandsForItsFirstRelease() {
        JsonNode cluster = synthCluster(ClusterFixture.props().minimumVersion("1.36").build());
        assertEquals(atLeast(CHANNEL_DEFAULT, "1.36.0-gke.0"), cluster.at("/lifecycle/precondition/0/condition")
                .asText());
        assertTrue(cluster.at("/lifecycle/precondition/0/error_message").asText()
                .contains("older than 1.36, which this deployment (cluster.minVersion) needs"));
    }

    @Test
    void eachFeatureHasItsOwnCheckAndMessage() {
        TerraformStack stack = SynthJson.newStack();
        RegionalTpuCluster cluster = new RegionalTpuCluster(stack, "gke", ClusterFixture.props().build());
        cluster.requireVersion(GkeVersion.MANAGED_DRANET, "managed DRANET");
        cluster.requireVersion(GkeVersion.CUSTOM_METRICS_LOAD_BALANCING, "custom-metrics load balancing");
        cluster.requireVersion(GkeVersion.MANAGED_DRANET, "managed DRANET");
        JsonNode lifecycle = SynthJson.onlyResource(SynthJson.synth(stack), "google_container_cluster")
                .path("lifecycle");
        assertEquals(2, lifecycle.path("precondition").size());
        assertEquals(2, lifecycle.path("postcondition").size());
        assertTrue(lifecycle.at("/precondition/0/condition").asText().contains("\"1.34.1-gke.1829001\""));
        assertTrue(lifecycle.at("/precondition/1/condition").asText().contains("\"1.35.1-gke.1396000\""));
    }

    /** The same checks, as synthesized, evaluated by Terraform on sample versions. */
    @Test
    void terraformPassesVersionsAtOrAboveTheMinimumAndFailsTheRest() {
        TerraformStack stack = SynthJson.newStack();
        new RegionalTpuCluster(stack, "gke", ClusterFixture.props().build())
                .requireVersion("1.35.1-gke.1396000", "custom-metrics load balancing");
        JsonNode lifecycle = SynthJson.onlyResource(SynthJson.synth(stack), "google_container_cluster")
                .path("lifecycle");
        ArrayNode checks = JsonNodeFactory.instance.arrayNode();
        for (JsonNode condition : List.of(lifecycle.at("/precondition/0"), lifecycle.at("/postcondition/0"))) {
            ObjectNode check = condition.deepCopy();
            check.put("condition", condition.path("condition").asText().replace(CHANNEL_DEFAULT, "var.v")
                    .replace("self.master_version", "var.v"));
            checks.add(check);
        }
        Map<String, Boolean> samples = Map.of("1.35.1-gke.1396000", true, "1.35.1-gke.1395999", false,
                "1.35.2-gke.1", true, "1.36.4-gke.1391000", true, "1.34.99-gke.99999999", false,
                "1.35.0-gke.1396000", false, "2.0.0-gke.0", true, "1.35", false, "", false);
        samples.forEach((version, passes) -> {
            TerraformPlan.Result plan = TerraformPlan.withPreconditions(checks, version);
            String output = plan.output().replaceAll("[│╷╵\\s]+", " ");
            assertEquals(passes, plan.exitCode() == 0, "'" + version + "': " + output);
            if (!passes) {
                assertTrue(output.contains("is older than 1.35.1-gke.1396000, which custom-metrics load balancing"
                        + " needs"), output);
                assertTrue(output.contains("runs a GKE version older than 1.35.1-gke.1396000"), output);
            }
        });
    }

    @Test
    void failsOnAMalformedMinimumVersion() {
        TerraformStack stack = SynthJson.newStack();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RegionalTpuCluster(
                stack, "gke", ClusterFixture.props().minimumVersion("latest").build()));
        assertEquals("'latest' is not a GKE version such as 1.34.1-gke.1829001 or a prefix such as 1.36",
                e.getMessage());
    }

    @Test
    void failsOnAnInvalidClusterName() {
        TerraformStack stack = SynthJson.newStack();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RegionalTpuCluster(
                stack, "gke", ClusterFixture.props().name("Inference_EU").build()));
        assertTrue(e.getMessage().startsWith("'Inference_EU' is not a cluster name"), e.getMessage());
    }
}
