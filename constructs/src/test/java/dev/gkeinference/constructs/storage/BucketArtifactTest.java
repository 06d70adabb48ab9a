package dev.gkeinference.constructs.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.gkeinference.constructs.testing.SynthJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BucketArtifactTest {
    @TempDir
    Path dir;

    private Path jar(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static BucketArtifact artifact(TerraformStack stack, Path file) {
        IBucket bucket = ModelBucket.fromBucketName(stack, "weights", "acme-weights");
        return new BucketArtifact(stack, "picker-jar", new BucketArtifactProps(bucket, file, "routing-plugin",
                "application/java-archive"));
    }

    @Test
    void uploadsTheFileUnderItsContentHash() throws IOException {
        Path file = jar("routing-plugin.jar", "picker v1");
        TerraformStack stack = SynthJson.newStack();
        BucketArtifact artifact = artifact(stack, file);

        String hash = BucketArtifact.sha256(file).substring(0, 16);
        assertEquals("routing-plugin/routing-plugin-" + hash + ".jar", artifact.objectName());
        assertEquals("routing-plugin-" + hash + ".jar", artifact.fileName());
        JsonNode object = SynthJson.onlyResource(SynthJson.synth(stack), "google_storage_bucket_object");
        assertEquals("acme-weights", object.path("bucket").asText());
        assertEquals(artifact.objectName(), object.path("name").asText());
        assertEquals("application/java-archive", object.path("content_type").asText());
        String source = object.path("source").asText();
        assertTrue(source.startsWith("assets/") && source.endsWith("/routing-plugin.jar"),
                "the source is the asset copied into the output, not the build tree: " + source);
    }

    @Test
    void theHashIsSha256OfTheBytes() throws IOException {
        Path file = jar("a.jar", "abc");
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", BucketArtifact.sha256(file));
        assertEquals("a-ba7816bf8f01cfea.jar", BucketArtifact.hashedFileName("a.jar", BucketArtifact.sha256(file)));
        assertEquals("picker-ba7816bf8f01cfea", BucketArtifact.hashedFileName("picker",
                BucketArtifact.sha256(file)));
    }

    @Test
    void changedBytesGiveAnotherObjectName() throws IOException {
        Path file = jar("routing-plugin.jar", "picker v1");
        String before = artifact(SynthJson.newStack(), file).objectName();
        Files.writeString(file, "picker v2", StandardCharsets.UTF_8);
        String after = artifact(SynthJson.newStack(), file).objectName();
        assertNotEquals(before, after);
        Files.writeString(file, "picker v1", StandardCharsets.UTF_8);
        assertEquals(before, artifact(SynthJson.newStack(), file).objectName(), "the same bytes give the same name");
    }

    @Test
    void aMissingFileFailsNamingIt() {
        Path missing = dir.resolve("missing.jar");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> artifact(SynthJson.newStack(), missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void rejectsAFolderWithSlashes() {
        IBucket bucket = ModelBucket.fromBucketName(SynthJson.newStack(), "weights", "acme-weights");
        assertThrows(IllegalArgumentException.class, () -> new BucketArtifactProps(bucket, dir, "/plugins/",
                "application/java-archive"));
    }
}
