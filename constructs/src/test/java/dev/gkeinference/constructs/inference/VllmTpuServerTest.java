package dev.gkeinference.constructs.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.gkeinference.constructs.testing.Manifests;
import dev.gkeinference.constructs.testing.SynthJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VllmTpuServerTest {

    private static VllmTpuServerProps.Builder gemma() {
        return VllmTpuServerProps.builder()
                .name("vllm-gemma3").namespace("inference").serviceAccountName("vllm")
                .appLabel("gemma-server").image("vllm/vllm-tpu:v0.11.1")
                .bucketName("acme-weights").modelPath("models/gemma-3-27b-it")
                .servedModelName("google/gemma-3-27b-it").extraArgs(List.of("--max-model-len=8192"))
                .tpuTopology("2x2").tpuChips(4);
    }

    private static JsonNode deployment() {
        TerraformStack stack = SynthJson.newStack();
        new VllmTpuServer(stack, "model-server", gemma().build());
        return Manifests.find(SynthJson.synth(stack), "Deployment", "vllm-gemma3");
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void podTakesTheWholeTpuHost() {
        JsonNode deployment = deployment();
        assertEquals("apps/v1", deployment.path("apiVersion").asText());
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        assertEquals("tpu-v6e-slice", pod.path("nodeSelector").path("cloud.google.com/gke-tpu-accelerator").asText());
        assertEquals("2x2", pod.path("nodeSelector").path("cloud.google.com/gke-tpu-topology").asText());
        JsonNode resources = pod.path("containers").get(0).path("resources");
        assertEquals("4", resources.path("requests").path("google.com/tpu").asText());
        assertEquals("4", resources.path("limits").path("google.com/tpu").asText());
        assertEquals("vllm", pod.path("serviceAccountName").asText());
    }

    @Test
    void containerServesTheModelFromTheFuseMount() {
        JsonNode container = deployment().path("spec").path("template").path("spec").path("containers").get(0);
        assertEquals("vllm-tpu", container.path("name").asText());
        assertEquals("vllm/vllm-tpu:v0.11.1", container.path("image").asText());
        assertEquals(List.of("python3", "-m", "vllm.entrypoints.openai.api_server"), texts(container.path("command")));
        assertEquals(List.of("--model=/data/models/gemma-3-27b-it", "--served-model-name=google/gemma-3-27b-it",
                "--tensor-parallel-size=4", "--port=8000", "--max-model-len=8192"), texts(container.path("args")));
        assertEquals(8000, container.path("ports").get(0).path("containerPort").asInt());
        assertEquals("/health", container.path("readinessProbe").path("httpGet").path("path").asText());
        assertEquals(8000, container.path("readinessProbe").path("httpGet").path("port").asInt());
        JsonNode mounts = container.path("volumeMounts");
        assertEquals("/dev/shm", mounts.get(0).path("mountPath").asText());
        assertEquals("/data", mounts.get(1).path("mountPath").asText());
        assertTrue(mounts.get(1).path("readOnly").asBoolean());
    }

    @Test
    void dranetClaimIsInThePodAndTheContainer() {
        JsonNode pod = deployment().path("spec").path("template").path("spec");
        JsonNode claim = pod.path("resourceClaims").get(0);
        assertEquals("netdev", claim.path("name").asText());
        assertEquals("all-netdev", claim.path("resourceClaimTemplateName").asText());
        assertEquals("netdev", pod.path("containers").get(0).path("resources").path("claims").get(0).path("name")
                .asText());
    }

    @Test
    void volumesAreInMemoryShmAndReadOnlyFuseWithFileCache() {
        JsonNode template = deployment().path("spec").path("template");
        assertEquals("true", template.path("metadata").path("annotations").path("gke-gcsfuse/volumes").asText());
        assertEquals("gemma-server", template.path("metadata").path("labels").path("app").asText());
        JsonNode volumes = template.path("spec").path("volumes");
        assertEquals("dshm", volumes.get(0).path("name").asText());
        assertEquals("Memory", volumes.get(0).path("emptyDir").path("medium").asText());
        JsonNode csi = volumes.get(1).path("csi");
        assertEquals("gcs-fuse-volume", volumes.get(1).path("name").asText());
        assertEquals("gcsfuse.csi.storage.gke.io", csi.path("driver").asText());
        assertTrue(csi.path("readOnly").asBoolean());
        assertEquals("acme-weights", csi.path("volumeAttributes").path("bucketName").asText());
        assertEquals("implicit-dirs", csi.path("volumeAttributes").path("mountOptions").asText());
        assertEquals("100Gi", csi.path("volumeAttributes").path("fileCacheCapacity").asText());
        assertEquals("true", csi.path("volumeAttributes").path("fileCacheForRangeRead").asText());
    }

    @Test
    void serviceFrontsPort8000() {
        TerraformStack stack = SynthJson.newStack();
        new VllmTpuServer(stack, "model-server", gemma().build());
        JsonNode service = Manifests.find(SynthJson.synth(stack), "Service", "vllm-gemma3-service");
        assertEquals("v1", service.path("apiVersion").asText());
        assertEquals("gemma-server", service.path("spec").path("selector").path("app").asText());
        assertEquals(8000, service.path("spec").path("ports").get(0).path("port").asInt());
        assertEquals(8000, service.path("spec").path("ports").get(0).path("targetPort").asInt());
    }

    @Test
    void failsOnAnUnpinnedImage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> gemma().image("vllm/vllm-tpu:latest").build());
        assertTrue(e.getMessage().contains("'vllm/vllm-tpu:latest'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> gemma().image("vllm/vllm-tpu").build());
        gemma().image("vllm/vllm-tpu@sha256:0123").build();
    }

    @Test
    void failsOnAModelPathOutsideTheBucket() {
        assertThrows(IllegalArgumentException.class, () -> gemma().modelPath("/models/gemma").build());
        assertThrows(IllegalArgumentException.class, () -> gemma().modelPath("../gemma").build());
    }
}
