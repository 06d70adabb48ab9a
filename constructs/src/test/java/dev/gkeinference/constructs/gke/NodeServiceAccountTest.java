package dev.gkeinference.constructs.gke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.gkeinference.constructs.testing.SynthJson;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class NodeServiceAccountTest {

    @Test
    void dedicatedAccountWithLeastPrivilegeRoles() {
        TerraformStack stack = SynthJson.newStack();
        new NodeServiceAccount(stack, "node-sa", "acme-prod", "inference-eu-west4-nodes", "GKE nodes");
        JsonNode synth = SynthJson.synth(stack);

        JsonNode account = SynthJson.onlyResource(synth, "google_service_account");
        assertEquals("inference-eu-west4-nodes", account.path("account_id").asText());

        List<JsonNode> members = SynthJson.resources(synth, "google_project_iam_member");
        Set<String> roles = new TreeSet<>();
        members.forEach(m -> {
            roles.add(m.path("role").asText());
            assertTrue(m.path("member").asText().startsWith("serviceAccount:${google_service_account."),
                    m.path("member").asText());
        });
        // GKE's recommended minimum (it includes autoscaling.sites.writeMetrics, what utilization-based load
        // balancing needs) plus image pulls.
        assertEquals(new TreeSet<>(List.of("roles/container.defaultNodeServiceAccount",
                "roles/artifactregistry.reader")), roles);
        assertTrue(roles.stream().noneMatch(r -> r.equals("roles/editor") || r.equals("roles/owner")));
    }

    @Test
    void anImportedAccountCreatesNothing() {
        TerraformStack stack = SynthJson.newStack();
        IServiceAccount nodes = NodeServiceAccount.fromEmail(stack, "node-sa",
                "gke-nodes@acme-prod.iam.gserviceaccount.com");
        IServiceAccount compute = NodeServiceAccount.fromEmail(stack, "compute-sa",
                "123456789012-compute@developer.gserviceaccount.com");

        assertTrue(SynthJson.synth(stack).path("resource").isMissingNode(), "an import creates no resource");
        assertEquals("serviceAccount:gke-nodes@acme-prod.iam.gserviceaccount.com", nodes.member());
        assertEquals("123456789012-compute@developer.gserviceaccount.com", compute.email());
    }

    @Test
    void anImportedAccountNeedsTheEmailOfAServiceAccount() {
        TerraformStack stack = SynthJson.newStack();
        for (String bad : List.of("alice@example.com", "gke-nodes@acme-prod.iam.gserviceaccount.com.example",
                "gke-nodes@evilgserviceaccount.com", "GKE-Nodes@acme-prod.iam.gserviceaccount.com",
                "@acme-prod.iam.gserviceaccount.com", "gke-nodes")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NodeServiceAccount.fromEmail(stack, "sa", bad));
            assertEquals("'" + bad + "' is not the email of a service account: use"
                    + " NAME@PROJECT.iam.gserviceaccount.com (or another …@…gserviceaccount.com account), lower-case",
                    e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> NodeServiceAccount.fromEmail(stack, "sa", null));
    }

    @Test
    void failsOnAnInvalidAccountId() {
        TerraformStack stack = SynthJson.newStack();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NodeServiceAccount(stack, "node-sa", "p", "inference-northamerica-northeast1-nodes", "x"));
        assertTrue(e.getMessage().startsWith("'inference-northamerica-northeast1-nodes' is not a service account id"),
                e.getMessage());
    }
}
