package dev.gkeinference.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app as users run it: options, context, exit codes, and output that is never half-written. */
class CommandLineTest {

    private static String reference() throws IOException {
        try (var in = dev.gkeinference.stacks.config.DeploymentConfigLoader.class
                .getResourceAsStream("reference-deployment.yaml")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void badConfigExitsWithTwoAndWritesNothing(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, reference().replace("topology: 2x2", "topology: 3x3"));
        Path out = dir.resolve("cdktf.out");

        Synthesis result = Synthesis.run(out, Map.of(), "synth", "--config", config.toString(), "--out", out.toString());

        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("regions[0].tpu.topology: '3x3' does not exist for ct6e-standard-4t:"
                + " allowed are 2x2, 2x4, 4x4, 4x8, 8x8, 8x16, 16x16"), result.err());
        assertFalse(result.err().contains("Exception"), "no stack trace without --verbose: " + result.err());
        assertFalse(Files.exists(out), "nothing is written on error");
        try (var siblings = Files.list(dir)) {
            assertEquals(1, siblings.count(), "no staging directory is left behind");
        }
    }

    @Test
    void aBucketNameCloudStorageRefusesIsAConfigErrorNotASynthesisFailure(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, reference().replace("bucket:\n", "bucket:\n  name: acme..weights\n"));
        Path out = dir.resolve("cdktf.out");

        Synthesis result = Synthesis.run(out, Map.of(), "synth", "--config", config.toString(), "--out", out.toString(),
                "--picker-jar", Synthesis.PICKER_JAR);

        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().contains("  - bucket.name: 'acme..weights' is not a bucket name"), result.err());
        assertFalse(Files.exists(out), "nothing is written on error");
    }

    /** Configs that once crashed (NullPointerException, exit 1) or were coerced: exit 2, the key named, no output. */
    @Test
    void missingTpuKeysAndWrongScalarTypesAreConfigErrors(@TempDir Path dir) throws IOException {
        String yaml = reference();
        assertRejected(dir, yaml.replaceFirst("      machineType: ct6e-standard-4t\n", ""),
                "  - regions[0].tpu.machineType: missing - a machine type is required");
        assertRejected(dir, yaml.replaceFirst("      topology: 2x2\n", ""),
                "  - regions[0].tpu.topology: missing - a topology is required for ct6e-standard-4t");
        assertRejected(dir, yaml.replace("zone: europe-west4-a", "zone: 12345"),
                "  - regions[0].zone: '12345' is not text (line 24): quote it to make it text");
        assertRejected(dir, yaml.replace("maxUtilizationPercent: 60", "maxUtilizationPercent: 3.5"),
                "  - serving.gateway.backendPolicy.maxUtilizationPercent: '3.5' is not a whole number (line 100)");
    }

    @Test
    void anExistingBucketNeedsANameAndTakesNoLocation(@TempDir Path dir) throws IOException {
        String yaml = reference();
        assertRejected(dir, yaml.replace("bucket:\n  location: US\n", "bucket:\n  existing: true\n"),
                "  - bucket.name: missing: an existing bucket (bucket.existing: true) must be named");
        assertRejected(dir, yaml.replace("bucket:\n", "bucket:\n  existing: true\n  name: acme-weights\n"),
                "  - bucket.location: 'US' is not allowed with bucket.existing: true");
    }

    private static void assertRejected(Path dir, String yaml, String problem) throws IOException {
        Path config = Files.createTempFile(dir, "bad-", ".yaml");
        Files.writeString(config, yaml);
        Path out = dir.resolve("out-" + config.getFileName());

        Synthesis result = Synthesis.run(out, Map.of(), "synth", "--config", config.toString(), "--project",
                Synthesis.PROJECT, "--out", out.toString(), "--picker-jar", Synthesis.PICKER_JAR);

        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().contains(problem), result.err());
        assertFalse(result.err().contains("Exception"), "no stack trace without --verbose: " + result.err());
        assertFalse(Files.exists(out), "nothing is written on error");
    }

    /** A single address is a network: subnets stop at /29, authorized networks do not. */
    @Test
    void aSingleAddressIsAnAuthorizedNetwork(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("one-address.yaml");
        Files.writeString(config, reference().replace("  releaseChannel: REGULAR\n",
                "  releaseChannel: REGULAR\n  authorizedNetworks: [203.0.113.7/32]\n"));
        Path out = dir.resolve("out");

        Synthesis result = Synthesis.run(out, Map.of(), "synth", "--config", config.toString(), "--project",
                Synthesis.PROJECT, "--out", out.toString(), "--picker-jar", Synthesis.PICKER_JAR);

        assertEquals(0, result.exitCode(), result.err());
        String blocks = result.stack("cluster-europe-west4").at("/resource/google_container_cluster").toString();
        assertTrue(blocks.contains("\"cidr_block\":\"203.0.113.7/32\""), blocks);
    }

    @Test
    void theProjectFlagSuppliesAProjectTheFileLeavesOut(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("no-project.yaml");
        Files.writeString(config, reference().replace("project: replace-with-your-project\n", ""));
        Path out = dir.resolve("out");

        Synthesis without = Synthesis.run(out, Map.of(), "synth", "--config", config.toString(), "--out",
                out.toString(), "--picker-jar", Synthesis.PICKER_JAR);
        assertEquals(2, without.exitCode(), without.err());
        assertTrue(without.err().contains("  - project: missing is not a GCP project id"), without.err());

        Synthesis with = Synthesis.run(out, Map.of(), "synth", "--config", config.toString(), "--project",
                Synthesis.PROJECT, "--out", out.toString(), "--picker-jar", Synthesis.PICKER_JAR);
        assertEquals(0, with.exitCode(), with.err());
        assertEquals(Synthesis.PROJECT, with.stack("global").at("/provider/google/0/project").asText());
    }

    @Test
    void aFailedRunLeavesThePreviousOutputIntact(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("cdktf.out");
        Synthesis.reference(out);
        String before = Files.readString(out.resolve("manifest.json"));
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, reference().replace("zone: europe-west4-a", "zone: us-east5-a"));

        Synthesis failed = Synthesis.run(out, Map.of(), "synth", "--config", config.toString(), "--out", out.toString());

        assertEquals(2, failed.exitCode());
        assertEquals(before, Files.readString(out.resolve("manifest.json")));
    }

    @Test
    void configPathComesFromTheCdktfContextAndOutdirFromTheEnvironment(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("deployment.yaml");
        Files.writeString(config, reference().replace("project: replace-with-your-project", "project: acme-staging")
                .replace("name: inference\n", "name: staging\n"));
        Path out = dir.resolve("from-env.out");
        Map<String, String> env = Map.of(
                "CDKTF_CONTEXT_JSON", "{\"config\":\"" + config.toString().replace("\\", "\\\\") + "\"}",
                "CDKTF_OUTDIR", out.toString());

        Synthesis result = Synthesis.run(out, env, "synth", "--picker-jar", Synthesis.PICKER_JAR);

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.stackNames().contains("cluster-us-east5"));
        assertEquals("staging-europe-west4", result.stack("cluster-europe-west4").path("resource")
                .path("google_container_cluster").elements().next().path("name").asText());
        assertEquals("acme-staging", result.stack("global").at("/provider/google/0/project").asText());
        assertFalse(result.err().contains("placeholder"), result.err());
    }

    @Test
    void projectFlagOverridesTheConfigAndSilencesThePlaceholderWarning(@TempDir Path dir) {
        Synthesis result = Synthesis.reference(dir.resolve("out"));
        assertEquals(Synthesis.PROJECT, result.stack("global").at("/provider/google/0/project").asText());
        assertTrue(result.out().contains("synthesized "), result.out());
        assertFalse(result.err().contains("placeholder"), result.err());
    }

    @Test
    void withoutAProjectTheReferenceWarnsAboutThePlaceholder(@TempDir Path dir) {
        Path out = dir.resolve("out");
        Synthesis result = Synthesis.run(out, Map.of(), "--out", out.toString(), "--picker-jar",
                Synthesis.PICKER_JAR);
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.err().contains("warning: project is the placeholder 'replace-with-your-project'"),
                result.err());
    }

    @Test
    void anOutputDirectoryInAFolderThatDoesNotExistYetIsCreated(@TempDir Path dir) {
        Path out = dir.resolve("a").resolve("b");
        Synthesis result = Synthesis.run(out, Map.of(), "synth", "--project", Synthesis.PROJECT, "--out",
                out.toString(), "--picker-jar", Synthesis.PICKER_JAR);
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(Files.exists(out.resolve("manifest.json")));
    }

    @Test
    void unknownOptionIsAUsageError(@TempDir Path dir) {
        Synthesis result = Synthesis.run(dir, Map.of(), "synth", "--regions", "3");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("error: unknown option '--regions'"), result.err());
        assertTrue(result.err().contains("usage:"), result.err());
    }

    @Test
    void missingConfigFileIsAClearError(@TempDir Path dir) {
        Synthesis result = Synthesis.run(dir, Map.of(), "synth", "--config", dir.resolve("nope.yaml").toString(),
                "--out", dir.resolve("out").toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("nope.yaml"), result.err());
        assertTrue(result.err().contains("(file): not found"), result.err());
    }
}
