package dev.gkeinference.stacks.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.google.project_iam_member.ProjectIamMember;
import com.hashicorp.cdktf.providers.google.provider.GoogleProvider;
import com.hashicorp.cdktf.providers.google.service_account.ServiceAccount;
import dev.gkeinference.constructs.testing.SynthesizedOutput;
import dev.gkeinference.constructs.testing.TestApps;
import dev.gkeinference.stacks.config.BackendConfig;
import java.util.Iterator;
import org.junit.jupiter.api.Test;

/**
 * Each backend on two stacks with a cross-stack reference, synthesized by the real app synthesizer: the producer's
 * {@code terraform} block, and the consumer's {@code terraform_remote_state} reading the producer's state.
 */
class StateBackendsTest {

    @Test
    void localIsTheDefaultWithOneStateFileBesideTheOutputPerStack() {
        Synthesized out = synth(BackendConfig.DEFAULT);

        assertEquals("../../../terraform.global.tfstate",
                out.global.path("terraform").path("backend").path("local").path("path").asText());
        JsonNode remote = remoteState(out.cluster);
        assertEquals("local", remote.path("backend").asText());
        assertEquals("../../../terraform.global.tfstate", remote.path("config").path("path").asText());
    }

    @Test
    void gcsKeepsEachStackUnderItsOwnPrefix() {
        Synthesized out = synth(new BackendConfig("gcs", "acme-tf-state", "gke/prod", null, null, null, null));

        JsonNode gcs = out.cluster.path("terraform").path("backend").path("gcs");
        assertEquals("acme-tf-state", gcs.path("bucket").asText());
        assertEquals("gke/prod/cluster-us-east5", gcs.path("prefix").asText());
        JsonNode remote = remoteState(out.cluster);
        assertEquals("gcs", remote.path("backend").asText());
        assertEquals("acme-tf-state", remote.path("config").path("bucket").asText());
        assertEquals("gke/prod/global", remote.path("config").path("prefix").asText());
    }

    @Test
    void gcsPrefixDefaultsToTheDeploymentName() {
        Synthesized out = synth(new BackendConfig("gcs", "acme-tf-state", null, null, null, null, null));
        assertEquals("terraform/inference/global",
                out.global.path("terraform").path("backend").path("gcs").path("prefix").asText());
    }

    @Test
    void cloudUsesOneNamedWorkspacePerStackSoReferencesStillResolve() {
        Synthesized out = synth(new BackendConfig("cloud", null, null, "acme", "gke-inference", null,
                "gke-prod-{stack}"));

        JsonNode cloud = out.cluster.path("terraform").path("cloud");
        assertEquals("acme", cloud.path("organization").asText());
        assertEquals("gke-prod-cluster-us-east5", cloud.path("workspaces").path("name").asText());
        assertEquals("gke-inference", cloud.path("workspaces").path("project").asText());
        assertFalse(out.cluster.path("terraform").has("backend"), "the cloud block replaces the backend block");
        JsonNode remote = remoteState(out.cluster);
        assertEquals("acme", remote.path("config").path("organization").asText());
        assertEquals("gke-prod-global", remote.path("config").path("workspaces").path("name").asText());
    }

    @Test
    void cloudWorkspacesDefaultToDeploymentNameAndStack() {
        Synthesized out = synth(new BackendConfig("cloud", null, null, "acme", null, "tfe.acme.internal", null));

        JsonNode cloud = out.global.path("terraform").path("cloud");
        assertEquals("inference-global", cloud.path("workspaces").path("name").asText());
        assertEquals("tfe.acme.internal", cloud.path("hostname").asText());
        assertFalse(cloud.path("workspaces").has("project"));
    }

    private record Synthesized(JsonNode global, JsonNode cluster) {
    }

    /** Two stacks like the real ones: the cluster stack grants a role to a service account of the global stack. */
    private static Synthesized synth(BackendConfig backend) {
        App app = TestApps.app();
        TerraformStack global = stack(app, "global", backend);
        TerraformStack cluster = stack(app, "cluster-us-east5", backend);
        ServiceAccount sa = ServiceAccount.Builder.create(global, "sa").accountId("tpu-nodes").build();
        ProjectIamMember.Builder.create(cluster, "grant").project("acme-prod").role("roles/logging.logWriter")
                .member("serviceAccount:" + sa.getEmail()).build();
        SynthesizedOutput out = TestApps.synth(app);
        return new Synthesized(out.stack("global"), out.stack("cluster-us-east5"));
    }

    private static TerraformStack stack(App app, String id, BackendConfig backend) {
        TerraformStack stack = new TerraformStack(app, id);
        GoogleProvider.Builder.create(stack, "google").project("acme-prod").build();
        StateBackends.attach(stack, id, backend, "inference");
        return stack;
    }

    private static JsonNode remoteState(JsonNode stack) {
        JsonNode states = stack.path("data").path("terraform_remote_state");
        assertEquals(1, states.size(), "one remote state per referenced stack: " + states);
        Iterator<JsonNode> it = states.elements();
        JsonNode state = it.next();
        assertTrue(stack.path("resource").path("google_project_iam_member").toString()
                .contains("data.terraform_remote_state."), "the grant reads the remote state");
        return state;
    }
}
