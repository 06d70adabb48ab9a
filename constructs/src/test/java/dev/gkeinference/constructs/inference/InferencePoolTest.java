package dev.gkeinference.constructs.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.gkeinference.constructs.testing.Manifests;
import dev.gkeinference.constructs.testing.SynthJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InferencePoolTest {

    @Test
    void poolIsExportedAndPointsAtItsPicker() {
        TerraformStack stack = SynthJson.newStack();
        new InferencePool(stack, "pool", InferencePoolProps.builder().name("gemma").namespace("inference")
                .selector(Map.of("app", "gemma-server")).pickerServiceName("gemma-epp").build());

        JsonNode pool = Manifests.find(SynthJson.synth(stack), "InferencePool", "gemma");
        assertEquals("inference.networking.k8s.io/v1", pool.path("apiVersion").asText());
        assertEquals("True", pool.path("metadata").path("annotations").path("networking.gke.io/export").asText());
        assertEquals("gemma-server", pool.path("spec").path("selector").path("matchLabels").path("app").asText());
        assertEquals(1, pool.path("spec").path("targetPorts").size());
        assertEquals(8000, pool.path("spec").path("targetPorts").get(0).path("number").asInt());
        JsonNode picker = pool.path("spec").path("endpointPickerRef");
        assertEquals("gemma-epp", picker.path("name").asText());
        assertEquals(9002, picker.path("port").path("number").asInt());
        assertEquals("FailOpen", picker.path("failureMode").asText());
    }

    @Test
    void failureModeIsAChoice() {
        TerraformStack stack = SynthJson.newStack();
        new InferencePool(stack, "pool", InferencePoolProps.builder().name("gemma").namespace("inference")
                .selector(Map.of("app", "gemma-server")).pickerServiceName("gemma-epp")
                .failureMode(PickerFailureMode.fromValue("FailClose")).exported(false).build());

        JsonNode pool = Manifests.find(SynthJson.synth(stack), "InferencePool", "gemma");
        assertEquals("FailClose", pool.path("spec").path("endpointPickerRef").path("failureMode").asText());
        assertTrue(pool.path("metadata").path("annotations").isMissingNode());
        assertThrows(IllegalArgumentException.class, () -> PickerFailureMode.fromValue("Open"));
    }

    @Test
    void failsOnTooManyOrDuplicatePorts() {
        InferencePoolProps.Builder pool = InferencePoolProps.builder().name("gemma").namespace("inference")
                .selector(Map.of("app", "gemma-server")).pickerServiceName("gemma-epp");
        assertThrows(IllegalArgumentException.class, () -> pool.targetPorts(List.of(8000, 8000)).build());
        assertThrows(IllegalArgumentException.class,
                () -> pool.targetPorts(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9)).build());
        assertThrows(IllegalArgumentException.class, () -> pool.targetPorts(List.of(8000)).selector(Map.of()).build());
    }

    @Test
    void objectiveReferencesThePoolByGroupKindAndName() {
        TerraformStack stack = SynthJson.newStack();
        new InferenceObjective(stack, "objective",
                new InferenceObjectiveProps("interactive", "inference", "gemma", 10));
        new InferenceObjective(stack, "batch", new InferenceObjectiveProps("batch", "inference", "gemma", null));

        JsonNode synth = SynthJson.synth(stack);
        JsonNode objective = Manifests.find(synth, "InferenceObjective", "interactive");
        assertEquals("inference.networking.x-k8s.io/v1alpha2", objective.path("apiVersion").asText());
        assertEquals(10, objective.path("spec").path("priority").asInt());
        JsonNode poolRef = objective.path("spec").path("poolRef");
        assertEquals("inference.networking.k8s.io", poolRef.path("group").asText());
        assertEquals("InferencePool", poolRef.path("kind").asText());
        assertEquals("gemma", poolRef.path("name").asText());
        assertTrue(Manifests.find(synth, "InferenceObjective", "batch").path("spec").path("priority").isMissingNode());
    }

    @Test
    void autoscalingMetricExportsKvCache() {
        TerraformStack stack = SynthJson.newStack();
        new AutoscalingMetric(stack, "kv-cache", AutoscalingMetricProps.builder().name("gemma-kv-cache")
                .namespace("inference").selector(Map.of("app", "gemma-server")).build());

        JsonNode metric = Manifests.find(SynthJson.synth(stack), "AutoscalingMetric", "gemma-kv-cache");
        assertEquals("autoscaling.gke.io/v1beta1", metric.path("apiVersion").asText());
        assertEquals("gemma-server", metric.path("spec").path("selector").path("matchLabels").path("app").asText());
        JsonNode endpoint = metric.path("spec").path("endpoints").get(0);
        assertEquals(8000, endpoint.path("port").asInt());
        assertEquals("/metrics", endpoint.path("path").asText());
        assertEquals("vllm:kv_cache_usage_perc", endpoint.path("metrics").get(0).path("name").asText());
        assertEquals("kv-cache", endpoint.path("metrics").get(0).path("exportName").asText());
        assertEquals("gke.named_metrics.kv-cache", MetricExport.VLLM_KV_CACHE.loadBalancerMetric());
    }

    @Test
    void exportNamesFollowTheLoadBalancerRule() {
        assertTrue(MetricExport.isValidExportName("kv-cache"));
        assertTrue(MetricExport.isValidExportName("a".repeat(64)));
        assertTrue(!MetricExport.isValidExportName("a".repeat(65)));
        assertTrue(!MetricExport.isValidExportName("vllm:kv_cache_usage_perc"));
        assertTrue(!MetricExport.isValidExportName("kv-cache-"));
        assertTrue(!MetricExport.isValidExportName("1kv"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MetricExport("vllm:kv_cache_usage_perc", "KV"));
        assertTrue(e.getMessage().contains("'KV'"), e.getMessage());
    }

    @Test
    void bundledCrdIsTheUpstreamFileUnchanged() throws Exception {
        byte[] file;
        try (var in = InferenceObjectiveCrd.class.getResourceAsStream(InferenceObjectiveCrd.RESOURCE)) {
            file = in.readAllBytes();
        }
        String sha256 = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(file));
        // SHA-256 of config/crd/bases/inference.networking.x-k8s.io_inferenceobjectives.yaml at GIE v1.5.0
        assertEquals("e06a3e13e91f7a3a71a9d4146fb56076a247f43ad72b6401f8039ccf9cfa3700", sha256);
    }

    @Test
    void objectiveCrdIsTheBundledUpstreamFileWithoutStatus() {
        TerraformStack stack = SynthJson.newStack();
        new InferenceObjectiveCrd(stack, "crd");

        JsonNode crd = Manifests.find(SynthJson.synth(stack), "CustomResourceDefinition",
                "inferenceobjectives.inference.networking.x-k8s.io");
        assertEquals("apiextensions.k8s.io/v1", crd.path("apiVersion").asText());
        assertEquals("v1.5.0", crd.path("metadata").path("annotations")
                .path("inference.networking.k8s.io/bundle-version").asText());
        assertEquals("inference.networking.x-k8s.io", crd.path("spec").path("group").asText());
        assertEquals("v1alpha2", crd.path("spec").path("versions").get(0).path("name").asText());
        assertEquals("Namespaced", crd.path("spec").path("scope").asText());
        assertTrue(crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema")
                .path("properties").path("spec").path("properties").has("poolRef"));
        assertTrue(crd.path("status").isMissingNode());
    }
}
