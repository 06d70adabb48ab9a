package dev.gkeinference.constructs.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.gkeinference.constructs.testing.SynthJson;
import dev.gkeinference.constructs.testing.TerraformPlan;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.constructs.Construct;

class ModelBucketTest {

    @Test
    void bucketIsHardenedAndLabelled() {
        TerraformStack stack = SynthJson.newStack();
        new ModelBucket(stack, "weights", ModelBucketProps.builder()
                .name("acme-gemma-weights").location("US").labels(Map.of("team", "ml")).build());

        JsonNode bucket = SynthJson.onlyResource(SynthJson.synth(stack), "google_storage_bucket");
        assertEquals("acme-gemma-weights", bucket.path("name").asText());
        assertEquals("US", bucket.path("location").asText());
        assertTrue(bucket.path("uniform_bucket_level_access").asBoolean());
        assertEquals("enforced", bucket.path("public_access_prevention").asText());
        assertFalse(bucket.path("force_destroy").asBoolean());
        assertEquals("ml", bucket.path("labels").path("team").asText());
    }

    @Test
    void grantsBindTheWorkloadIdentityPrincipalInItsOwnScope() {
        TerraformStack stack = SynthJson.newStack();
        ModelBucket bucket = new ModelBucket(stack, "weights",
                ModelBucketProps.builder().name("acme-gemma-weights").location("US").build());
        Construct ksa = new Construct(stack, "vllm-ksa");
        WorkloadIdentityPrincipal principal = WorkloadIdentityPrincipal.kubernetesServiceAccount(
                ksa, "123456789", "acme-prod", "inference", "vllm");

        bucket.grantRead(principal);
        bucket.grantReadWrite(principal);

        JsonNode synth = SynthJson.synth(stack);
        var members = SynthJson.resources(synth, "google_storage_bucket_iam_member");
        assertEquals(2, members.size());
        String expectedMember = "principal://iam.googleapis.com/projects/123456789/locations/global/"
                + "workloadIdentityPools/acme-prod.svc.id.goog/subject/ns/inference/sa/vllm";
        members.forEach(m -> assertEquals(expectedMember, m.path("member").asText()));
        assertEquals(java.util.Set.of("roles/storage.objectViewer", "roles/storage.objectUser"),
                java.util.Set.of(members.get(0).path("role").asText(), members.get(1).path("role").asText()));
        assertTrue(members.get(0).path("bucket").asText().contains("google_storage_bucket."),
                "the binding references the bucket resource, so it is ordered after it");
        assertTrue(SynthJson.addresses(synth, "google_storage_bucket_iam_member").stream()
                .allMatch(a -> a.startsWith("vllm-ksa_weights-read")), "bindings live under the principal's scope");
    }

    @Test
    void anImportedBucketCreatesNoBucketAndItsGrantsNameIt() {
        TerraformStack stack = SynthJson.newStack();
        IBucket bucket = ModelBucket.fromBucketName(stack, "model-bucket", "acme-existing-weights");
        Construct ksa = new Construct(stack, "vllm-ksa");
        WorkloadIdentityPrincipal principal = WorkloadIdentityPrincipal.kubernetesServiceAccount(
                ksa, "123456789", "acme-prod", "inference", "vllm");

        bucket.grantRead(principal);
        bucket.grantReadWrite(principal);

        JsonNode synth = SynthJson.synth(stack);
        assertEquals(List.of(), SynthJson.resources(synth, "google_storage_bucket"));
        var members = SynthJson.resources(synth, "google_storage_bucket_iam_member");
        assertEquals(2, members.size());
        members.forEach(m -> assertEquals("acme-existing-weights", m.path("bucket").asText()));
        assertEquals(Set.of("roles/storage.objectViewer", "roles/storage.objectUser"),
                Set.of(members.get(0).path("role").asText(), members.get(1).path("role").asText()));
        assertEquals(Set.of("read", "read-write"), SynthJson.addresses(synth, "google_storage_bucket_iam_member")
                .stream().map(a -> a.replaceAll("^vllm-ksa_model-bucket-(read(-write)?)_[0-9A-F]{8}$", "$1"))
                .collect(Collectors.toSet()), "grants are named as those of a created bucket with the same id");
    }

    @Test
    void thePlanFailsForAnImportedBucketWithoutUniformBucketLevelAccess() {
        TerraformStack stack = SynthJson.newStack();
        ModelBucket.fromBucketName(stack, "model-bucket", "acme-existing-weights");
        JsonNode data = SynthJson.synth(stack).at("/data/google_storage_bucket").elements().next();
        assertEquals("acme-existing-weights", data.path("name").asText());
        com.fasterxml.jackson.databind.node.ArrayNode checks = data.at("/lifecycle/postcondition").deepCopy();
        checks.forEach(c -> ((com.fasterxml.jackson.databind.node.ObjectNode) c).put("condition",
                c.path("condition").asText().replace("self.", "var.v.")));
        assertEquals(0, TerraformPlan.withPreconditions(checks,
                SynthJson.parse("{\"uniform_bucket_level_access\": true}")).exitCode());
        TerraformPlan.Result off = TerraformPlan.withPreconditions(checks,
                SynthJson.parse("{\"uniform_bucket_level_access\": false}"));
        String output = off.output().replaceAll("[│╷╵\\s]+", " ");
        assertEquals(1, off.exitCode(), output);
        assertTrue(output.contains("bucket acme-existing-weights has uniform bucket-level access off"), output);
        assertTrue(output.contains("gcloud storage buckets update gs://acme-existing-weights"
                + " --uniform-bucket-level-access"), output);
    }

    @Test
    void anImportedBucketNeedsABucketName() {
        TerraformStack stack = SynthJson.newStack();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelBucket.fromBucketName(stack, "w", "acme..weights"));
        assertTrue(e.getMessage().startsWith("'acme..weights' is not a bucket name"), e.getMessage());
    }

    @Test
    void failsOnAnInvalidBucketName() {
        TerraformStack stack = SynthJson.newStack();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ModelBucket(stack, "w",
                ModelBucketProps.builder().name("Bad_Name!").location("US").build()));
        assertTrue(e.getMessage().contains("'Bad_Name!'"), e.getMessage());
    }

    @Test
    void bucketNamesFollowCloudStorageRules() {
        assertEquals("acme-prod.inference-weights", BucketName.require("acme-prod.inference-weights"));
        String[] names = {"a..b", "googley-weights", "ab", "-weights", "weights-", "Weights", "a".repeat(64)};
        for (String bad : names) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BucketName.require(bad));
            assertTrue(e.getMessage().startsWith("'" + bad + "' is not a bucket name"), e.getMessage());
        }
    }

    @Test
    void locationDefaultsToUs() {
        assertEquals("US", ModelBucketProps.builder().name("weights").build().location());
    }
}
