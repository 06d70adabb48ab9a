package dev.gkeinference.constructs.gke;

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
import dev.gkeinference.constructs.tpu.TpuSlice;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An existing cluster: read, checked at plan time by Terraform itself, and given a TPU pool. */
class ImportedClusterTest {
    private static final List<String> PROBLEMS = List.of(
            "has no Dataplane V2", "has no Workload Identity with the pool acme-prod.svc.id.goog",
            "has no Cloud Storage FUSE CSI driver", "has HTTP load balancing off", "has no Gateway API standard channel",
            "has no managed Prometheus", "has no HPA PERFORMANCE profile", "has no DNS endpoint open to external traffic",
            "has no fleet membership", "is not in VPC inference-vpc",
            "runs a GKE version older than 1.34.1-gke.1829001, which managed DRANET needs");

    private static JsonNode synthWithTpuPool() {
        TerraformStack stack = SynthJson.newStack();
        ICluster cluster = RegionalTpuCluster.fromClusterName(stack, "gke", ImportedClusterProps.builder()
                .project("acme-prod").name("platform-europe-west4").region("europe-west4")
                .networkName("inference-vpc").nodeServiceAccountEmail("tpu-nodes@acme-prod.iam.gserviceaccount.com")
                .build());
        cluster.addTpuNodePool("tpu", DranetTpuNodePoolProps.builder().zone("europe-west4-a")
                .slice(new TpuSlice("ct6e-standard-4t", "2x2")).build());
        return SynthJson.synth(stack);
    }

    private static JsonNode dataSource(JsonNode synth) {
        JsonNode clusters = synth.path("data").path("google_container_cluster");
        assertEquals(1, clusters.size(), clusters.toString());
        return clusters.elements().next();
    }

    @Test
    void readsTheClusterAndCreatesOnlyTheTpuPool() {
        JsonNode synth = synthWithTpuPool();
        assertEquals(List.of(), SynthJson.resources(synth, "google_container_cluster"));
        JsonNode data = dataSource(synth);
        assertEquals("platform-europe-west4", data.path("name").asText());
        assertEquals("europe-west4", data.path("location").asText());
        assertEquals("acme-prod", data.path("project").asText());
        JsonNode pool = SynthJson.onlyResource(synth, "google_container_node_pool");
        assertEquals("platform-europe-west4", pool.path("cluster").asText());
        assertEquals("europe-west4", pool.path("location").asText());
        assertEquals("tpu-nodes@acme-prod.iam.gserviceaccount.com",
                pool.at("/node_config/service_account").asText());
        assertEquals("auto", pool.at("/network_config/accelerator_network_profile").asText());
    }

    @Test
    void aClusterWithEverythingTheDeploymentNeedsPassesThePlan() {
        TerraformPlan.Result plan = TerraformPlan.withPreconditions(conditions(), compliantCluster());
        assertEquals(0, plan.exitCode(), plan.output());
    }

    @Test
    void theCheckingPlanNamesEveryMissingSettingAndItsFix() {
        ObjectNode broken = compliantCluster();
        broken.put("datapath_provider", "LEGACY_DATAPATH");
        broken.withArray("workload_identity_config").removeAll();
        broken.put("network", "projects/acme-prod/global/networks/default");
        broken.put("master_version", "1.33.5-gke.1000");
        for (String empty : List.of("addons_config", "gateway_api_config", "monitoring_config", "pod_autoscaling",
                "control_plane_endpoints_config", "fleet")) {
            broken.withArray(empty).removeAll();
        }
        ObjectNode lbOff = compliantCluster();
        ((ObjectNode) lbOff.withArray("addons_config").get(0).withArray("http_load_balancing").get(0))
                .put("disabled", true);

        String output = failingPlan(broken);
        for (String problem : PROBLEMS.stream().filter(p -> !p.startsWith("has HTTP")).toList()) {
            assertTrue(output.contains("cluster platform-europe-west4 in europe-west4 " + problem)
                    || output.contains("cluster platform-europe-west4 " + problem), problem + " in: " + output);
        }
        assertTrue(output.contains("gcloud container clusters update platform-europe-west4"
                + " --workload-pool=acme-prod.svc.id.goog"), output);
        assertTrue(failingPlan(lbOff).contains("has HTTP load balancing off"));
    }

    @Test
    void aNetworkNameThatIsAReferenceIsRefused() {
        String reference = com.hashicorp.cdktf.providers.google.compute_network.ComputeNetwork.Builder
                .create(SynthJson.newStack(), "vpc").name("vpc").build().getName();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImportedClusterProps.builder()
                .project("p").name("c").region("europe-west4").networkName(reference)
                .nodeServiceAccountEmail("n@p.iam.gserviceaccount.com").build());
        assertTrue(e.getMessage().startsWith("networkName must be a plain VPC name"), e.getMessage());
    }

    private static String failingPlan(JsonNode cluster) {
        TerraformPlan.Result plan = TerraformPlan.withPreconditions(conditions(), cluster);
        String output = plan.output().replaceAll("[│╷╵\\s]+", " ");
        assertEquals(1, plan.exitCode(), output);
        assertTrue(!output.contains("Invalid index") && !output.contains("Unsupported attribute"), output);
        return output;
    }

    /** The data source's postconditions, with {@code self} read from the variable that stands for the cluster. */
    private static ArrayNode conditions() {
        ArrayNode checks = JsonNodeFactory.instance.arrayNode();
        for (JsonNode condition : dataSource(synthWithTpuPool()).at("/lifecycle/postcondition")) {
            ObjectNode check = condition.deepCopy();
            check.put("condition", condition.path("condition").asText().replace("self.", "var.v."));
            checks.add(check);
        }
        assertEquals(PROBLEMS.size(), checks.size());
        return checks;
    }

    /** The attributes of a cluster such as {@link RegionalTpuCluster} creates, as the data source reads them. */
    private static ObjectNode compliantCluster() {
        return (ObjectNode) SynthJson.parse("""
                {"datapath_provider": "ADVANCED_DATAPATH",
                 "workload_identity_config": [{"workload_pool": "acme-prod.svc.id.goog"}],
                 "addons_config": [{"gcs_fuse_csi_driver_config": [{"enabled": true}],
                                    "http_load_balancing": [{"disabled": false}]}],
                 "gateway_api_config": [{"channel": "CHANNEL_STANDARD"}],
                 "monitoring_config": [{"managed_prometheus": [{"enabled": true}]}],
                 "pod_autoscaling": [{"hpa_profile": "PERFORMANCE"}],
                 "control_plane_endpoints_config": [{"dns_endpoint_config": [{"allow_external_traffic": true,
                                                                              "endpoint": "gke-1.example"}]}],
                 "fleet": [{"membership_id": "platform-europe-west4", "membership_location": "europe-west4"}],
                 "network": "projects/acme-prod/global/networks/inference-vpc",
                 "master_version": "1.36.2-gke.1000"}""");
    }
}
