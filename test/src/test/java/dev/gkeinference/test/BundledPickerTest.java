package dev.gkeinference.test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The routing-plugin jar bundled with the synthesized stacks, and the app's errors around it. */
class BundledPickerTest {

    private static String reference() throws IOException {
        try (var in = dev.gkeinference.stacks.config.DeploymentConfigLoader.class
                .getResourceAsStream("reference-deployment.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void theBuiltJarIsCopiedIntoTheOutputAndUploadedUnderItsHash(@TempDir Path dir) throws Exception {
        Synthesis result = Synthesis.reference(dir.resolve("out"));
        Path jar = Path.of(Synthesis.PICKER_JAR);
        String objectName = "routing-plugin/routing-plugin-" + sha256(jar).substring(0, 16) + ".jar";

        JsonNode object = result.stack("global").path("resource").path("google_storage_bucket_object").elements()
                .next();
        assertEquals(objectName, object.path("name").asText());
        Path asset = result.outdir().resolve("stacks").resolve("global").resolve(object.path("source").asText());
        assertArrayEquals(Files.readAllBytes(jar), Files.readAllBytes(asset), "the asset is the built jar");
        JsonNode picker = pickerContainer(result, "workload-us-east5");
        String launch = picker.at("/command/2").asText();
        assertTrue(launch.startsWith("cp /plugin/" + objectName.substring("routing-plugin/".length()) + " "), launch);
    }

    private static JsonNode pickerContainer(Synthesis result, String stack) {
        for (JsonNode manifest : result.stack(stack).path("resource").path("kubernetes_manifest")) {
            JsonNode m = manifest.path("manifest");
            if (m.path("kind").asText().equals("Deployment") && m.at("/metadata/name").asText().endsWith("-epp")) {
                return m.at("/spec/template/spec/containers/0");
            }
        }
        throw new AssertionError("no picker Deployment in " + stack);
    }

    @Test
    void aMissingJarExitsWithTwoSaysWhatToDoAndWritesNothing(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("cdktf.out");
        Path missing = dir.resolve("routing-plugin.jar");

        Synthesis result = Synthesis.run(out, Map.of(), "synth", "--project", Synthesis.PROJECT, "--out",
                out.toString(), "--picker-jar", missing.toString());

        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("serving.endpointPicker.jar: '" + missing.toAbsolutePath()
                + "' not found"), result.err());
        assertTrue(result.err().contains("./dev synth builds it"), result.err());
        assertTrue(result.err().contains("serving.endpointPicker.source: upstream"), result.err());
        assertFalse(result.err().contains("Exception"), "no stack trace without --verbose: " + result.err());
        assertFalse(Files.exists(out), "nothing is written on error");
        try (var siblings = Files.list(dir)) {
            assertEquals(0, siblings.count(), "no staging directory is left behind");
        }
    }

    @Test
    void theUpstreamPickerNeedsNoJar(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("upstream.yaml");
        Files.writeString(config, reference().replace("    source: bundled\n"
                + "    jar: routing-plugin/target/routing-plugin.jar\n"
                + "    jreImage: eclipse-temurin:17.0.13_11-jre\n", "    source: upstream\n"));
        Path out = dir.resolve("out");

        Synthesis result = Synthesis.run(out, Map.of(), "synth", "--config", config.toString(), "--project",
                Synthesis.PROJECT, "--out", out.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertFalse(Files.exists(out.resolve("assets")), "no jar in the output");
        assertTrue(result.stack("global").path("resource").path("google_storage_bucket_object").isMissingNode());
        assertEquals("ghcr.io/llm-d/llm-d-router-endpoint-picker:v0.10.0",
                pickerContainer(result, "workload-europe-west4").path("image").asText());
    }

    @Test
    void anUnknownSourceNamesTheKeyAndTheChoices(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, reference().replace("source: bundled", "source: local"));

        Synthesis result = Synthesis.run(dir.resolve("out"), Map.of(), "synth", "--config", config.toString());

        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("serving.endpointPicker.source: 'local' is not a picker source: allowed are"
                + " bundled, upstream"), result.err());
    }
}
