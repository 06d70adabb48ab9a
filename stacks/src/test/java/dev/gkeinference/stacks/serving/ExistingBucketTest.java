package dev.gkeinference.stacks.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gkeinference.constructs.testing.SynthJson;
import dev.gkeinference.constructs.testing.SynthesizedOutput;
import dev.gkeinference.stacks.config.ConfigFixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code bucket.existing: true}: the weights bucket exists; the deployment grants access to it and creates none. */
class ExistingBucketTest {
    private static final String BUCKET = "acme-existing-weights";
    private static final List<String> PLATFORMS = List.of("platform-europe-west4", "platform-us-east5");
    private static SynthesizedOutput created;
    private static SynthesizedOutput existing;

    @BeforeAll
    static void synthesize() {
        created = SynthesizedApp.of(ConfigFixtures.referencePlan());
        existing = SynthesizedApp.of(ConfigFixtures.plan(ConfigFixtures.referenceWith("bucket:\n  location: US\n",
                "bucket:\n  existing: true\n  name: " + BUCKET + "\n")));
    }

    @Test
    void theGlobalStackCreatesNoBucketButUploadsThePickerJarIntoTheExistingOne() {
        JsonNode global = existing.stack("global");
        assertEquals(List.of(), SynthJson.resources(global, "google_storage_bucket"));
        assertEquals(1, SynthJson.resources(created.stack("global"), "google_storage_bucket").size());
        JsonNode jar = SynthJson.onlyResource(global, "google_storage_bucket_object");
        assertEquals(BUCKET, jar.path("bucket").asText());
        assertTrue(jar.path("name").asText().startsWith("routing-plugin/routing-plugin-"), jar.toString());
    }

    @Test
    void theGrantsNameTheExistingBucketAtTheAddressesOfACreatedOne() {
        for (String platform : PLATFORMS) {
            List<JsonNode> grants = SynthJson.resources(existing.stack(platform), "google_storage_bucket_iam_member");
            assertEquals(2, grants.size(), "the model server's and the bundled picker's");
            grants.forEach(g -> {
                assertEquals(BUCKET, g.path("bucket").asText());
                assertEquals("roles/storage.objectViewer", g.path("role").asText());
            });
            assertEquals(SynthJson.addresses(created.stack(platform), "google_storage_bucket_iam_member"),
                    SynthJson.addresses(existing.stack(platform), "google_storage_bucket_iam_member"),
                    "switching to an existing bucket keeps the grants' addresses");
        }
    }

    @Test
    void theModelServerMountsTheExistingBucket() {
        JsonNode vllm = SynthJson.resources(existing.stack("workload-europe-west4"), "kubernetes_manifest").stream()
                .map(r -> r.path("manifest"))
                .filter(m -> "Deployment".equals(m.path("kind").asText())
                        && "vllm-gemma3".equals(m.at("/metadata/name").asText()))
                .findFirst().orElseThrow();
        List<String> buckets = new ArrayList<>();
        vllm.at("/spec/template/spec/volumes").forEach(v -> {
            if (v.has("csi")) {
                buckets.add(v.at("/csi/volumeAttributes/bucketName").asText());
            }
        });
        assertEquals(List.of(BUCKET), buckets);
    }
}
