package dev.gkeinference.stacks.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.App;
import dev.gkeinference.constructs.testing.TestApps;
import dev.gkeinference.stacks.InferenceDeployment;
import dev.gkeinference.stacks.config.ConfigFixtures;
import dev.gkeinference.stacks.plan.DeploymentPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole reference deployment synthesizes with each backend (and passes the baseline policy, which aborts
 * synthesis otherwise): every stack has its own state, and every cross-stack reference reads the producer's state
 * through the same kind of backend.
 */
class ReferenceDeploymentBackendsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"local", "gcs", "cloud"})
    void everyStackHasItsOwnStateAndReferencesResolve(String kind) throws IOException {
        String backend = switch (kind) {
            case "gcs" -> "backend:\n  type: gcs\n  bucket: acme-tf-state\n";
            case "cloud" -> "backend:\n  type: cloud\n  organization: acme\n";
            default -> "";
        };
        DeploymentPlan plan = ConfigFixtures.plan(ConfigFixtures.reference() + backend);
        assertEquals(kind, plan.stacks().backend().kind());
        App app = TestApps.app();
        InferenceDeployment.build(app, plan);
        app.synth();

        Path stacksDir = Path.of(app.getOutdir(), "stacks");
        List<String> stateLocations = new ArrayList<>();
        int remoteStates = 0;
        try (var dirs = Files.list(stacksDir)) {
            for (Path dir : dirs.sorted().toList()) {
                JsonNode stack = JSON.readTree(dir.resolve("cdk.tf.json").toFile());
                String stackId = dir.getFileName().toString();
                stateLocations.add(stateLocation(kind, stack.path("terraform")));
                for (JsonNode remote : stack.path("data").path("terraform_remote_state")) {
                    remoteStates++;
                    assertEquals(kind.equals("cloud") ? "remote" : kind, remote.path("backend").asText(), stackId);
                }
                assertFalse(stateLocations.get(stateLocations.size() - 1).isEmpty(), stackId + ": no state location");
            }
        }
        assertTrue(remoteStates > 0, "the cluster stacks read the global stack's outputs");
        assertEquals(stateLocations.size(), stateLocations.stream().distinct().count(), "one state per stack: "
                + stateLocations);
    }

    private static String stateLocation(String kind, JsonNode terraform) {
        return switch (kind) {
            case "gcs" -> terraform.path("backend").path("gcs").path("prefix").asText();
            case "cloud" -> terraform.path("cloud").path("workspaces").path("name").asText();
            default -> terraform.path("backend").path("local").path("path").asText();
        };
    }
}
