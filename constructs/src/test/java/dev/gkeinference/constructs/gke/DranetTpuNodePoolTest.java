package dev.gkeinference.constructs.gke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.gkeinference.constructs.testing.SynthJson;
import dev.gkeinference.constructs.tpu.TpuSlice;
import org.junit.jupiter.api.Test;

class DranetTpuNodePoolTest {
    private static final TpuSlice V6E_2X2 = new TpuSlice("ct6e-standard-4t", "2x2");

    private static DranetTpuNodePoolPropsBuilder props() {
        return DranetTpuNodePoolProps.builder().zone("europe-west4-a").slice(V6E_2X2);
    }

    private static JsonNode synthPool(DranetTpuNodePoolProps props) {
        TerraformStack stack = SynthJson.newStack();
        ClusterFixture.cluster(stack).addTpuNodePool("tpu", props);
        JsonNode synth = SynthJson.synth(stack);
        return SynthJson.resources(synth, "google_container_node_pool").stream()
                .filter(p -> p.path("name").asText().equals(props.name())).findFirst().orElseThrow();
    }

    @Test
    void poolHasManagedDranetOnASingleZoneTpuSlice() {
        JsonNode pool = synthPool(props().build());

        assertEquals("tpu-v6e", pool.path("name").asText());
        assertEquals("europe-west4", pool.path("location").asText());
        assertEquals("europe-west4-a", pool.at("/node_locations/0").asText());
        assertEquals(1, pool.path("node_locations").size(), "accelerator network profiles need a single zone");
        assertEquals(1, pool.path("node_count").asInt());
        assertEquals("auto", pool.at("/network_config/accelerator_network_profile").asText());
        assertEquals("true", pool.at("/node_config/labels/cloud.google.com~1gke-networking-dra-driver").asText());
        assertEquals("ct6e-standard-4t", pool.at("/node_config/machine_type").asText());
        assertTrue(pool.path("placement_policy").isMissingNode(), "a single-host slice has no placement policy");
        assertEquals("hyperdisk-balanced", pool.at("/node_config/boot_disk/disk_type").asText());
        assertEquals(100, pool.at("/node_config/boot_disk/size_gb").asInt());
        assertTrue(pool.at("/node_config/disk_size_gb").isMissingNode(), "boot_disk is the one place for the size");
        assertEquals("GKE_METADATA", pool.at("/node_config/workload_metadata_config/mode").asText());
        assertFalse(pool.at("/node_config/spot").asBoolean());
        assertTrue(pool.at("/node_config/reservation_affinity").isMissingNode());
        assertEquals("node_config[0].labels", pool.at("/lifecycle/ignore_changes/0").asText());
    }

    @Test
    void theStackRequiresAGoogleProviderWithTheDranetField() {
        TerraformStack stack = SynthJson.newStack();
        ClusterFixture.cluster(stack).addTpuNodePool("tpu", props().build());
        JsonNode synth = SynthJson.synth(stack);
        assertEquals(">= 7.31.0, < 9.0.0", synth.at("/terraform/required_providers/google/version").asText());
    }

    @Test
    void multiHostSlicesArePlacedCompactWithTheirTopology() {
        JsonNode pool = synthPool(props().slice(new TpuSlice("ct6e-standard-4t", "4x4")).nodeCount(4).build());
        assertEquals("COMPACT", pool.at("/placement_policy/type").asText());
        assertEquals("4x4", pool.at("/placement_policy/tpu_topology").asText());
        assertEquals(4, pool.path("node_count").asInt());
    }

    @Test
    void singleHostSlicesOfEveryMachineTypeHaveNoPlacementPolicy() {
        for (TpuSlice slice : new TpuSlice[] {new TpuSlice("ct6e-standard-1t", "1x1"),
                new TpuSlice("ct6e-standard-8t", "2x4")}) {
            JsonNode pool = synthPool(props().slice(slice).build());
            assertTrue(pool.path("placement_policy").isMissingNode(), slice.machineType());
        }
    }

    @Test
    void bootDiskSizeIsConfigurableWithinHyperdiskBalancedLimits() {
        assertEquals(300, synthPool(props().bootDiskSizeGb(300).build()).at("/node_config/boot_disk/size_gb").asInt());
        assertEquals("'9' is out of range: allowed are 10 to 65536 (GB)",
                failure(props().bootDiskSizeGb(9).build()));
        assertEquals("'65537' is out of range: allowed are 10 to 65536 (GB)",
                failure(props().bootDiskSizeGb(65537).build()));
    }

    @Test
    void aTpuPoolMakesItsClusterRequireTheManagedDranetVersion() {
        TerraformStack stack = SynthJson.newStack();
        ClusterFixture.cluster(stack).addTpuNodePool("tpu", props().build());
        JsonNode cluster = SynthJson.onlyResource(SynthJson.synth(stack), "google_container_cluster");
        JsonNode precondition = cluster.at("/lifecycle/precondition/0");
        assertTrue(precondition.path("condition").asText().contains("\"1.34.1-gke.1829001\""),
                precondition.toString());
        assertTrue(precondition.path("error_message").asText().contains("older than 1.34.1-gke.1829001, which"
                + " managed DRANET needs"), precondition.toString());
    }

    @Test
    void spotAndReservationCapacity() {
        assertTrue(synthPool(props().capacity(TpuCapacity.SPOT).build()).at("/node_config/spot").asBoolean());

        JsonNode reserved = synthPool(props().capacity(TpuCapacity.RESERVATION).reservation("v6e-eu").build());
        JsonNode affinity = reserved.at("/node_config/reservation_affinity");
        assertEquals("SPECIFIC_RESERVATION", affinity.path("consume_reservation_type").asText());
        assertEquals("compute.googleapis.com/reservation-name", affinity.path("key").asText());
        assertEquals("v6e-eu", affinity.at("/values/0").asText());
    }

    @Test
    void autoscalingReplacesTheFixedNodeCount() {
        JsonNode pool = synthPool(props().nodeCount(1).minNodes(0).maxNodes(2).build());
        assertTrue(pool.path("node_count").isMissingNode());
        assertEquals(1, pool.path("initial_node_count").asInt());
        assertEquals(0, pool.at("/autoscaling/min_node_count").asInt());
        assertEquals(2, pool.at("/autoscaling/max_node_count").asInt());
    }

    @Test
    void failsOnAZoneOutsideTheRegion() {
        assertEquals("'us-east5-b' is not a zone in region europe-west4 (such as europe-west4-a)",
                failure(props().zone("us-east5-b").build()));
    }

    @Test
    void failsOnAMultiHostSliceWithTheWrongNodeCount() {
        assertEquals("'1' must be 4: a 4x4 slice of ct6e-standard-4t spans 4 hosts",
                failure(props().slice(new TpuSlice("ct6e-standard-4t", "4x4")).nodeCount(1).build()));
    }

    @Test
    void failsOnReservationMismatch() {
        assertEquals("missing - capacity 'reservation' needs the reservation name",
                failure(props().capacity(TpuCapacity.RESERVATION).build()));
        assertEquals("'r' is set but capacity is 'spot': use capacity 'reservation' or remove the reservation",
                failure(props().capacity(TpuCapacity.SPOT).reservation("r").build()));
    }

    @Test
    void nodeCountDefaultsToTheSliceHostCount() {
        assertEquals(1, props().build().nodeCount());
        assertEquals(4, props().slice(new TpuSlice("ct6e-standard-4t", "4x4")).build().nodeCount());
    }

    @Test
    void failsOnAutoscalingAMultiHostSliceOrBoundsAroundTheNodeCount() {
        assertEquals("'minNodes=0, maxNodes=4' is not supported for a multi-host slice (4x4): remove autoscaling",
                failure(props().slice(new TpuSlice("ct6e-standard-4t", "4x4")).minNodes(0).maxNodes(4).build()));
        assertEquals("'minNodes=0, maxNodes=2' is invalid: need 0 <= minNodes <= nodeCount (3) <= maxNodes",
                failure(props().nodeCount(3).minNodes(0).maxNodes(2).build()));
    }

    private static String failure(DranetTpuNodePoolProps props) {
        TerraformStack stack = SynthJson.newStack();
        RegionalTpuCluster cluster = ClusterFixture.cluster(stack);
        return assertThrows(IllegalArgumentException.class, () -> cluster.addTpuNodePool("tpu", props)).getMessage();
    }
}
