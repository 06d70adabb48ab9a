package dev.gkeinference.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code review} and {@code diagram} are reachable through the app's entry point. */
class MainDeliveryCommandsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void reviewWithoutDirectoriesIsAUsageError() {
        assertEquals(2, run("review"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("both --base and --head are required"));
    }

    @Test
    void diagramPrintsMermaid() {
        assertEquals(0, run("diagram", "--format", "mermaid"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("flowchart TB\n"));
    }

    @Test
    void helpListsTheCommands() {
        assertEquals(0, run("help"));
        String usage = out.toString(StandardCharsets.UTF_8);
        assertTrue(usage.contains("  review ") && usage.contains("  diagram "), usage);
    }

    @Test
    void policyViolationsArePrintedInFullWithoutAStackTrace() {
        RuntimeException e = new RuntimeException("Error: Encountered Annotations with level \"ERROR\":\n"
                + "[cluster-us-east5/gke/cluster] policy gke-private-nodes (CKV_GCP_64) violated by x: ... fix: y\n"
                + "[global/model-bucket/bucket] policy gcs-uniform-access (CKV_GCP_29) violated by z: ... fix: w\n\n"
                + "Either fix the issues above, or set ...\n\n@jsii/kernel.RuntimeError: ...\n    at Kernel...");
        assertEquals("Encountered Annotations with level \"ERROR\":\n"
                + "[cluster-us-east5/gke/cluster] policy gke-private-nodes (CKV_GCP_64) violated by x: ... fix: y\n"
                + "[global/model-bucket/bucket] policy gcs-uniform-access (CKV_GCP_29) violated by z: ... fix: w",
                Main.describe(e));
        assertEquals("first line", Main.describe(new RuntimeException("first line\nsecond")));
    }

    @Test
    void synthWarnsAboutWaiversThatWaiveNothing(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path config = tmp.resolve("deployment.yaml");
        try (var in = dev.gkeinference.stacks.config.DeploymentConfigLoader.class
                .getResourceAsStream("reference-deployment.yaml")) {
            java.nio.file.Files.writeString(config, new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    // appended to the reference's waivers, its last section
                    + "    - rule: gcs-uniform-access\n      resource: \"global/**\"\n"
                    + "      reason: bucket predates uniform access\n");
        }
        // a stand-in for the routing-plugin jar, which this module's tests do not build
        java.nio.file.Path jar = java.nio.file.Files.writeString(tmp.resolve("routing-plugin.jar"), "stand-in");
        assertEquals(0, run("synth", "--config", config.toString(), "--project", "acme-prod",
                "--out", tmp.resolve("out").toString(), "--picker-jar", jar.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("warning: policy.waivers: gcs-uniform-access for"
                + " 'global/**' waives nothing (no such violation); remove it"), err.toString(StandardCharsets.UTF_8));
    }

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    }
}
