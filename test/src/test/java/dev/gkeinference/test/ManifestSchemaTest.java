package dev.gkeinference.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every {@code kubernetes_manifest} object of the reference deployment and of its 3-region variant against the
 * schema of its kind (bundled upstream CRDs and Kubernetes OpenAPI, see {@code src/test/resources/schemas}); and the
 * check itself rejecting what the schemas forbid, on real synthesized objects.
 */
class ManifestSchemaTest {
    private static ManifestSchemas schemas;

    @BeforeAll
    static void load() {
        schemas = ManifestSchemas.bundled();
    }

    @Test
    void everyObjectOfTheReferenceMatchesItsSchema() {
        assertAllMatch(ValidationOutputs.reference());
    }

    @Test
    void everyObjectOfTheThreeRegionVariantMatchesItsSchema() {
        assertAllMatch(ValidationOutputs.threeRegions());
    }

    @Test
    void anUndeclaredFieldIsRejected() {
        assertRejected("Deployment", m -> spec(m).put("replica", 2), "replica");
        assertRejected("InferencePool", m -> spec(m).put("targetPort", 8000), "targetPort");
        assertRejected("AutoscalingMetric", m -> spec(m).put("exportName", "kv-cache"), "exportName");
        assertRejected("GCPBackendPolicy", m -> ((ObjectNode) m.path("spec").path("default"))
                .put("balancingmode", "CUSTOM_METRICS"), "balancingmode");
        assertRejected("Role", m -> ((ObjectNode) m).put("rule", "x"), "rule");
        assertRejected("Service", m -> ((ObjectNode) m.path("metadata")).put("label", "x"), "label");
    }

    @Test
    void aValueOfTheWrongTypeIsRejected() {
        assertRejected("Deployment", m -> spec(m).put("replicas", "two"), "replicas");
        assertRejected("HTTPRoute", m -> spec(m).put("parentRefs", "cross-region-gateway"), "parentRefs");
        assertRejected("GCPBackendPolicy", m -> ((ObjectNode) m.path("spec").path("default"))
                .put("balancingMode", "ROUND_ROBIN"), "balancingMode");
    }

    /** Our AutoscalingMetric schema takes the current form too (GKE 1.35.1-gke.1396000+), but not a mix of both. */
    @Test
    void theAutoscalingMetricSchemaTakesTheCurrentFormAndNoMix() throws Exception {
        JsonNode current = new ObjectMapper(new YAMLFactory()).readTree("""
                apiVersion: autoscaling.gke.io/v1beta1
                kind: AutoscalingMetric
                metadata: {name: vllm-metrics, namespace: inference}
                spec:
                  metrics:
                    - pod:
                        selector: {matchLabels: {app: vllm}}
                        containers:
                          - endpoint: {port: 8000, path: /metrics}
                            metrics:
                              - gauge:
                                  name: kv-cache
                                  prometheusMetricName: "vllm:kv_cache_usage_perc"
                                  loadBalancing: {enabled: true}
                """);
        assertEquals(List.of(), schemas.problems(current));
        ((ObjectNode) current.path("spec")).putObject("selector").putObject("matchLabels").put("app", "vllm");
        assertFalse(schemas.problems(current).isEmpty(), "a selector of the older form beside metrics");
        ((ObjectNode) current.path("spec").path("metrics").get(0).path("pod").path("containers").get(0)
                .path("metrics").get(0).path("gauge")).put("exportName", "kv-cache");
        assertTrue(schemas.problems(current).stream().anyMatch(p -> p.contains("exportName")),
                schemas.problems(current).toString());
    }

    @Test
    void aCrdMustBeTheBundledUpstreamOne() {
        assertRejected("CustomResourceDefinition", m -> ((ObjectNode) m.path("metadata").path("annotations"))
                .put("edited", "true"), "differs from the bundled upstream CRD");
    }

    @Test
    void aKindWithoutABundledSchemaIsAProblemNotAPass() {
        JsonNode unknown = new ObjectMapper().createObjectNode().put("apiVersion", "example.com/v1").put("kind", "Widget");
        List<String> problems = schemas.problems(unknown);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("no bundled schema for example.com/v1/Widget"), problems.get(0));
    }

    private static void assertAllMatch(Path output) {
        List<String> problems = new ArrayList<>();
        TreeSet<String> kinds = new TreeSet<>();
        for (JsonNode manifest : manifests(output)) {
            kinds.add(manifest.path("apiVersion").asText() + "/" + manifest.path("kind").asText());
            problems.addAll(schemas.problems(manifest));
        }
        assertEquals(List.of(), problems, "objects that do not match their schema in " + output.getFileName());
        assertTrue(kinds.size() >= 10, "checked every kind the deployment emits: " + kinds);
    }

    /** A real synthesized object of {@code kind}, changed; the check must name {@code field}. */
    private static void assertRejected(String kind, Consumer<JsonNode> change, String field) {
        JsonNode manifest = manifests(ValidationOutputs.reference()).stream()
                .filter(m -> m.path("kind").asText().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("the reference emits no " + kind)).deepCopy();
        assertEquals(List.of(), schemas.problems(manifest), "the unchanged " + kind + " is valid");
        change.accept(manifest);
        List<String> problems = schemas.problems(manifest);
        assertTrue(problems.stream().anyMatch(p -> p.contains(field)), kind + ": expected a problem naming '"
                + field + "', got " + problems);
    }

    private static ObjectNode spec(JsonNode manifest) {
        return (ObjectNode) manifest.path("spec");
    }

    private static List<JsonNode> manifests(Path output) {
        Synthesis synthesis = new Synthesis(0, "", "", output);
        List<JsonNode> manifests = new ArrayList<>();
        for (String stack : synthesis.stackNames()) {
            synthesis.stack(stack).path("resource").path("kubernetes_manifest")
                    .forEach(r -> manifests.add(r.path("manifest")));
        }
        return manifests;
    }
}
