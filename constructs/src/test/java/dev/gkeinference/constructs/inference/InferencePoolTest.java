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
        EndpointPicker picker = new EndpointPicker(stack, "epp", EndpointPickerProps.builder().poolName("gemma")
                .namespace("inference").build());
        new InferencePool(stack, "pool", InferencePoolProps.builder().name("gemma").namespace("inference")
                .selector(Map.of("app", "gemma-server")).picker(picker).build());

        JsonNode pool = Manifests.find(SynthJson.synth(stack), "InferencePool", "gemma");
        assertEquals("inference.networking.k8s.io/v1", pool.path("apiVersion").asText());
        assertEquals("True", pool.path("metadata").path("annotations").path("networking.gke.io/export").asText());
        assertEquals("gemma-server", pool.path("spec").path("selector").path("matchLabels").path("app").asText());
        assertEquals(1, pool.path("spec").path("targetPorts").size());
        assertEquals(8000, pool.path("spec").path("targetPorts").get(0).path("number").asInt());
        JsonNode ref = pool.path("spec").path("endpointPickerRef");
        assertEquals("gemma-epp", ref.path("name").asText());
        assertEquals(9002, ref.path("port").path("number").asInt());
        assertEquals("FailOpen", ref.path("failureMode").asText());
        // the generated classes start with the CRD's defaults; the manifest holds only what the construct sets
        assertEquals(List.of("endpointPickerRef", "selector", "targetPorts"), sortedNames(pool.path("spec")));
        assertEquals(List.of("failureMode", "name", "port"), sortedNames(ref));
    }

    private static List<String> sortedNames(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names.stream().sorted().toList();
    }

    @Test
    void failureModeIsAChoice() {
        TerraformStack stack = SynthJson.newStack();
        new InferencePool(stack, "pool", InferencePoolProps.builder().name("gemma").namespace("inference")
                .selector(Map.of("app", "gemma-server"))
                .picker(EndpointPicker.fromServiceName(stack, "epp", "gemma-epp", 9002))
                .failureMode(PickerFailureMode.fromValue("FailClose")).exported(false).build());

        JsonNode pool = Manifests.find(SynthJson.synth(stack), "InferencePool", "gemma");
        assertEquals("FailClose", pool.path("spec").path("endpointPickerRef").path("failureMode").asText());
        assertTrue(pool.path("metadata").path("annotations").isMissingNode());
        assertThrows(IllegalArgumentException.class, () -> PickerFailureMode.fromValue("Open"));
    }

    @Test
    void poolNamesAPickerRunElsewhereWhichCreatesNothing() {
        TerraformStack stack = SynthJson.newStack();
        IEndpointPicker picker = EndpointPicker.fromServiceName(stack, "shared-epp", "shared-picker", 9443);
        new InferencePool(stack, "pool", InferencePoolProps.builder().name("gemma").namespace("inference")
                .selector(Map.of("app", "gemma-server")).picker(picker).build());

        JsonNode synth = SynthJson.synth(stack);
        JsonNode ref = Manifests.find(synth, "InferencePool", "gemma").path("spec").path("endpointPickerRef");
        assertEquals("shared-picker", ref.path("name").asText());
        assertEquals(9443, ref.path("port").path("number").asInt());
        assertEquals(List.of("pool"), SynthJson.addresses(synth, "kubernetes_manifest").stream()
                .map(a -> a.substring(0, a.indexOf('_'))).toList(), "the imported picker adds no manifest");
    }

    @Test
    void anImportedPickerNeedsAServiceNameAndAPort() {
        TerraformStack stack = SynthJson.newStack();
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> EndpointPicker.fromServiceName(stack, "a", "Shared_Picker", 9002));
        assertTrue(name.getMessage().contains("endpoint picker service name"), name.getMessage());
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> EndpointPicker.fromServiceName(stack, "b", "shared-picker", 65536));
        assertEquals("endpoint picker port 65536 is not a port: use 1 to 65535", port.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EndpointPicker.fromServiceName(stack, "c", "p", 0));
    }

    @Test
    void failsOnTooManyOrDuplicatePorts() {
        InferencePoolPropsBuilder pool = InferencePoolProps.builder().name("gemma").namespace("inference")
                .selector(Map.of("app", "gemma-server"))
                .picker(EndpointPicker.fromServiceName(SynthJson.newStack(), "epp", "gemma-epp", 9002));
        assertThrows(IllegalArgumentException.class, () -> pool.targetPorts(List.of(8000, 8000)).build());
        assertThrows(IllegalArgumentException.class,
                () -> pool.targetPorts(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9)).build());
        assertThrows(IllegalArgumentException.class, () -> pool.targetPorts(List.of(8000)).selector(Map.of()).build());
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
}
