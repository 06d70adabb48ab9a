package dev.gkeinference.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the reference deployment's stacks hang together: cross-stack references and their order. */
class StackGraphTest {
    @TempDir
    static Path outdir;
    private static Synthesis synthesis;

    @BeforeAll
    static void synthesize() {
        synthesis = Synthesis.reference(outdir);
    }

    @Test
    void clusterStacksReadTheNetworkFromTheGlobalStack() {
        for (String region : List.of("europe-west4", "us-east5")) {
            JsonNode stack = synthesis.stack("cluster-" + region);
            assertEquals(List.of("global"), dependencies("cluster-" + region));
            JsonNode remote = stack.at("/data/terraform_remote_state/cross-stack-reference-input-global");
            assertEquals("local", remote.path("backend").asText());
            assertEquals("../../../terraform.global.tfstate", remote.at("/config/path").asText(),
                    "the state path is relative to the stack directory, identical on every machine");
            JsonNode cluster = stack.path("resource").path("google_container_cluster").elements().next();
            assertTrue(cluster.path("network").asText().contains("data.terraform_remote_state."
                    + "cross-stack-reference-input-global.outputs."), cluster.path("network").asText());
        }
    }

    @Test
    void everyStackAcceptsGoogle7And8AndKeepsStateOutsideTheOutput() {
        for (String stack : synthesis.stackNames()) {
            JsonNode json = synthesis.stack(stack);
            assertEquals(">= 7.31.0, < 9.0.0", json.at("/terraform/required_providers/google/version").asText(), stack);
            assertEquals("../../../terraform." + stack + ".tfstate", json.at("/terraform/backend/local/path").asText());
        }
    }

    private static List<String> dependencies(String stack) {
        List<String> names = new java.util.ArrayList<>();
        synthesis.manifest().path("stacks").path(stack).path("dependencies").forEach(d -> names.add(d.asText()));
        return names;
    }
}
