package dev.gkeinference.constructs.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.gkeinference.constructs.gke.ICluster;
import dev.gkeinference.constructs.gke.ImportedClusterProps;
import dev.gkeinference.constructs.gke.RegionalTpuCluster;
import dev.gkeinference.constructs.testing.SynthJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetFeaturesTest {
    private static final FleetProject PROJECT = new FleetProject("acme-prod", "123456789");

    private static JsonNode synthFeatures() {
        TerraformStack stack = SynthJson.newStack();
        MultiClusterServiceDiscovery mcs = new MultiClusterServiceDiscovery(stack, "mcs", PROJECT);
        new MultiClusterIngress(stack, "mci", new MultiClusterIngressProps(PROJECT,
                FleetMembership.of("acme-prod", "europe-west4", "gke-europe-west4"), mcs));
        return SynthJson.synth(stack);
    }

    private static JsonNode feature(JsonNode synth, String name) {
        return SynthJson.resources(synth, "google_gke_hub_feature").stream()
                .filter(f -> name.equals(f.path("name").asText())).findFirst().orElseThrow();
    }

    private static JsonNode grant(JsonNode synth, String role) {
        return SynthJson.resources(synth, "google_project_iam_member").stream()
                .filter(m -> role.equals(m.path("role").asText())).findFirst().orElseThrow();
    }

    @Test
    void bothFeaturesAreGlobalAndIngressNamesTheConfigMembership() {
        JsonNode synth = synthFeatures();
        JsonNode mcs = feature(synth, "multiclusterservicediscovery");
        assertEquals("global", mcs.path("location").asText());
        assertEquals("acme-prod", mcs.path("project").asText());
        JsonNode mci = feature(synth, "multiclusteringress");
        assertEquals("global", mci.path("location").asText());
        assertEquals("projects/acme-prod/locations/europe-west4/memberships/gke-europe-west4",
                mci.path("spec").path("multiclusteringress").path("config_membership").asText());
        assertTrue(mci.path("depends_on").toString().contains("google_gke_hub_feature.mcs_feature"),
                "service discovery is enabled first");
        assertTrue(SynthJson.resources(synth, "google_gke_hub_membership").isEmpty(),
                "memberships come from the clusters' fleet blocks only");
    }

    @Test
    void importerCanViewTheNetwork() {
        JsonNode importer = grant(synthFeatures(), "roles/compute.networkViewer");
        assertEquals("acme-prod", importer.path("project").asText());
        assertEquals("principal://iam.googleapis.com/projects/123456789/locations/global/workloadIdentityPools/"
                + "acme-prod.svc.id.goog/subject/ns/gke-mcs/sa/gke-mcs-importer", importer.path("member").asText());
    }

    @Test
    void ingressServiceAgentIsContainerAdminAfterTheFeature() {
        JsonNode agent = grant(synthFeatures(), "roles/container.admin");
        assertEquals("serviceAccount:service-123456789@gcp-sa-multiclusteringress.iam.gserviceaccount.com",
                agent.path("member").asText());
        assertTrue(agent.path("depends_on").toString().contains("google_gke_hub_feature.mci_feature"));
    }

    @Test
    void membershipOfAnExistingClusterUsesTheFleetOutputsItReads() {
        TerraformStack stack = SynthJson.newStack();
        ICluster cluster = RegionalTpuCluster.fromClusterName(stack, "existing", ImportedClusterProps.builder()
                .project("acme-prod").name("platform-europe-west4").region("europe-west4")
                .nodeServiceAccountEmail("nodes@acme-prod.iam.gserviceaccount.com").build());
        MultiClusterServiceDiscovery mcs = new MultiClusterServiceDiscovery(stack, "mcs", PROJECT);
        new MultiClusterIngress(stack, "mci", new MultiClusterIngressProps(PROJECT,
                FleetMembership.registeredBy(cluster, "acme-prod"), mcs));

        String membership = feature(SynthJson.synth(stack), "multiclusteringress").path("spec")
                .path("multiclusteringress").path("config_membership").asText();
        String data = "data.google_container_cluster.existing_cluster_";
        assertTrue(membership.matches("projects/acme-prod/locations/\\$\\{" + data + "[0-9A-F]+\\.fleet\\[0\\]"
                + "\\.membership_location}/memberships/\\$\\{" + data + "[0-9A-F]+\\.fleet\\[0\\]"
                + "\\.membership_id}"), membership);
        assertEquals(List.of(), SynthJson.resources(SynthJson.synth(stack), "google_gke_hub_membership"));
    }

    @Test
    void failsOnAnIncompleteProject() {
        assertThrows(IllegalArgumentException.class, () -> new FleetProject("acme-prod", ""));
        assertThrows(IllegalArgumentException.class, () -> FleetMembership.of("acme-prod", "", "m"));
    }
}
