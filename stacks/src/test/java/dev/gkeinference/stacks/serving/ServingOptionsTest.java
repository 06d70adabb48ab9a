package dev.gkeinference.stacks.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gkeinference.constructs.testing.SynthJson;
import dev.gkeinference.constructs.testing.SynthesizedOutput;
import dev.gkeinference.stacks.config.ConfigFixtures;
import dev.gkeinference.stacks.plan.DeploymentPlan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The serving options besides the reference: Google's Gemma 3 27B layout (one ct6e-standard-8t 2x4 host, tensor
 * parallel 8) and the legacy forms for older clusters (AutoscalingMetric, InferenceObjective group).
 */
class ServingOptionsTest {
    private static SynthesizedOutput eightChips;
    private static SynthesizedOutput legacy;

    @BeforeAll
    static void synthesize() {
        eightChips = SynthesizedApp.of(config(reference()
                .replace("machineType: ct6e-standard-4t\n      topology: 2x2",
                        "machineType: ct6e-standard-8t\n      topology: 2x4")
                .replace("maxModelLen: 8192", "maxModelLen: 16384")));
        legacy = SynthesizedApp.of(config(reference()
                .replace("objectiveGroup: llm-d.ai", "objectiveGroup: inference.networking.x-k8s.io")
                .replace("autoscalingMetricSchema: current", "autoscalingMetricSchema: legacy")));
    }

    private static String reference() {
        return ConfigFixtures.reference();
    }

    private static DeploymentPlan config(String yaml) {
        return ConfigFixtures.plan(yaml);
    }

    private static List<JsonNode> manifests(SynthesizedOutput app, String stack) {
        return SynthJson.resources(app.stack(stack), "kubernetes_manifest").stream().map(r -> r.path("manifest"))
                .toList();
    }

    private static JsonNode find(SynthesizedOutput app, String stack, String kind, String name) {
        return manifests(app, stack).stream()
                .filter(m -> kind.equals(m.path("kind").asText()) && name.equals(m.at("/metadata/name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + stack));
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void eightChipHostServesGemmaWithTensorParallelEight() {
        for (String region : List.of("europe-west4", "us-east5")) {
            JsonNode pool = SynthJson.resources(eightChips.stack("cluster-" + region), "google_container_node_pool")
                    .stream().filter(p -> p.at("/node_config/machine_type").asText().startsWith("ct6e"))
                    .findFirst().orElseThrow();
            assertEquals("ct6e-standard-8t", pool.at("/node_config/machine_type").asText());
            JsonNode pod = find(eightChips, "workload-" + region, "Deployment", "vllm-gemma3")
                    .at("/spec/template/spec");
            assertEquals("2x4", pod.at("/nodeSelector/cloud.google.com~1gke-tpu-topology").asText());
            assertEquals("8", pod.at("/containers/0/resources/requests/google.com~1tpu").asText());
            List<String> args = texts(pod.at("/containers/0/args"));
            assertTrue(args.contains("--tensor-parallel-size=8"), args.toString());
            assertTrue(args.contains("--max-model-len=16384"), args.toString());
        }
    }

    @Test
    void legacyObjectiveGroupInstallsOnlyItsCrdAndThePickerReadsIt() {
        for (String region : List.of("europe-west4", "us-east5")) {
            List<String> crds = manifests(legacy, "platform-" + region).stream()
                    .filter(m -> m.path("kind").asText().equals("CustomResourceDefinition"))
                    .map(m -> m.at("/metadata/name").asText()).toList();
            assertEquals(List.of("inferenceobjectives.inference.networking.x-k8s.io"), crds, "never both CRDs");
            assertEquals(List.of("inference.networking.x-k8s.io"),
                    texts(find(legacy, "platform-" + region, "Role", "gemma3-epp").at("/rules/2/apiGroups")));
            for (String objective : List.of("interactive", "batch")) {
                assertEquals("inference.networking.x-k8s.io/v1alpha2", find(legacy, "workload-" + region,
                        "InferenceObjective", objective).path("apiVersion").asText());
            }
        }
    }

    @Test
    void legacyAutoscalingMetricKeepsTheExportNameTheBackendPolicyUses() {
        JsonNode spec = find(legacy, "workload-europe-west4", "AutoscalingMetric", "vllm-gemma3-metrics")
                .path("spec");
        assertTrue(spec.path("metrics").isMissingNode(), spec.toString());
        assertEquals("kv-cache", spec.at("/endpoints/0/metrics/0/exportName").asText());
        assertEquals("gke.named_metrics.kv-cache", find(legacy, "gateway", "GCPBackendPolicy",
                "gemma3-backend-policy").at("/spec/default/customMetrics/0/name").asText());
    }
}
