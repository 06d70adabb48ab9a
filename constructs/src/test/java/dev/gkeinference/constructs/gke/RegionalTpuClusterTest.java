package dev.gkeinference.constructs.gke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.gkeinference.constructs.testing.SynthJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegionalTpuClusterTest {

    private static JsonNode synthCluster(RegionalTpuClusterProps props) {
        TerraformStack stack = SynthJson.newStack();
        new RegionalTpuCluster(stack, "gke", props);
        return SynthJson.synth(stack);
    }

    @Test
    void clusterHasEveryFeatureTheInferenceGatewayAndDranetNeed() {
        JsonNode cluster = SynthJson.onlyResource(synthCluster(ClusterFixture.props().build()),
                "google_container_cluster");

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
        assertEquals("RAPID", cluster.at("/release_channel/channel").asText());
        assertEquals("PERFORMANCE", cluster.at("/pod_autoscaling/hpa_profile").asText());
        assertTrue(cluster.at("/monitoring_config/managed_prometheus/enabled").asBoolean());
        assertEquals("acme-prod", cluster.at("/fleet/project").asText());
        assertEquals("1.34.1-gke.1829001", cluster.path("min_master_version").asText());
        assertTrue(cluster.path("deletion_protection").asBoolean(), "deletion protection is on by default");
        assertTrue(cluster.path("remove_default_node_pool").asBoolean());
        assertEquals("nodes@acme-prod.iam.gserviceaccount.com", cluster.at("/node_config/service_account").asText());
        assertEquals("GKE_METADATA", cluster.at("/node_config/workload_metadata_config/mode").asText());
        assertFalse(cluster.has("master_authorized_networks_config"));
    }

    @Test
    void systemPoolIsSmallHardenedAndAutoscaled() {
        JsonNode pool = SynthJson.onlyResource(synthCluster(ClusterFixture.props().build()),
                "google_container_node_pool");
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
    void authorizedNetworksRestrictTheControlPlane() {
        JsonNode cluster = SynthJson.onlyResource(synthCluster(ClusterFixture.props()
                .authorizedNetworks(List.of("203.0.113.0/24")).build()), "google_container_cluster");
        assertEquals("203.0.113.0/24",
                cluster.at("/master_authorized_networks_config/cidr_blocks/0/cidr_block").asText());
    }

    @Test
    void failsOnAVersionWithoutManagedDranet() {
        TerraformStack stack = SynthJson.newStack();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RegionalTpuCluster(
                stack, "gke", ClusterFixture.props().minMasterVersion("1.34.1-gke.1000000").build()));
        assertEquals("'1.34.1-gke.1000000' does not support managed DRANET: use 1.34.1-gke.1829001 or later",
                e.getMessage());
    }

    @Test
    void acceptsNewerVersionsAndPrefixes() {
        assertTrue(GkeVersion.atLeast("1.35", "1.34.1-gke.1829001"));
        assertTrue(GkeVersion.atLeast("1.34.1-gke.1829001", "1.34.1-gke.1829001"));
        assertTrue(GkeVersion.atLeast("1.34.2", "1.34.1-gke.1829001"));
        assertFalse(GkeVersion.atLeast("1.34", "1.34.1-gke.1829001"));
        assertFalse(GkeVersion.isValid("latest"));
    }

    @Test
    void failsOnAnInvalidClusterName() {
        TerraformStack stack = SynthJson.newStack();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RegionalTpuCluster(
                stack, "gke", ClusterFixture.props().name("Inference_EU").build()));
        assertTrue(e.getMessage().startsWith("'Inference_EU' is not a cluster name"), e.getMessage());
    }
}
