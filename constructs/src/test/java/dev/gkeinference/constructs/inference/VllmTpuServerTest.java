package dev.gkeinference.constructs.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.gkeinference.constructs.testing.Manifests;
import dev.gkeinference.constructs.testing.SynthJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class VllmTpuServerTest {

    private static VllmTpuServerPropsBuilder gemma() {
        return VllmTpuServerProps.builder()
                .name("vllm-gemma3").namespace("inference").serviceAccountName("vllm")
                .appLabel("gemma-server").image("vllm/vllm-tpu:v0.23.0")
                .bucketName("acme-weights").modelPath("models/gemma-3-27b-it")
                .servedModelName("google/gemma-3-27b-it").maxModelLen(8192).extraArgs(List.of("--max-num-seqs=128"))
                .tpuTopology("2x2").tpuChips(4);
    }

    private static JsonNode deployment(VllmTpuServerProps props) {
        TerraformStack stack = SynthJson.newStack();
        new VllmTpuServer(stack, "model-server", props);
        return Manifests.find(SynthJson.synth(stack), "Deployment", "vllm-gemma3");
    }

    private static JsonNode pod(VllmTpuServerProps props) {
        return deployment(props).at("/spec/template/spec");
    }

    private static JsonNode container(VllmTpuServerProps props) {
        return pod(props).at("/containers/0");
    }

    private static JsonNode volume(JsonNode pod, String name) {
        for (JsonNode volume : pod.path("volumes")) {
            if (name.equals(volume.path("name").asText())) {
                return volume;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static List<String> mountOptions(VllmTpuServerProps props) {
        return Arrays.asList(volume(pod(props), "gcs-fuse-volume").at("/csi/volumeAttributes/mountOptions")
                .asText().split(","));
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void podTakesTheWholeTpuHost() {
        JsonNode pod = pod(gemma().build());
        assertEquals("tpu-v6e-slice", pod.path("nodeSelector").path("cloud.google.com/gke-tpu-accelerator").asText());
        assertEquals("2x2", pod.path("nodeSelector").path("cloud.google.com/gke-tpu-topology").asText());
        JsonNode resources = pod.at("/containers/0/resources");
        assertEquals("4", resources.at("/requests/google.com~1tpu").asText());
        assertEquals("4", resources.at("/limits/google.com~1tpu").asText());
        assertEquals("vllm", pod.path("serviceAccountName").asText());
    }

    @Test
    void vllmServeRunsTheGoogleTpuRecipe() {
        JsonNode container = container(gemma().build());
        assertEquals("vllm-tpu", container.path("name").asText());
        assertEquals("vllm/vllm-tpu:v0.23.0", container.path("image").asText());
        assertEquals(List.of("vllm", "serve"), texts(container.path("command")));
        assertEquals(List.of("/data", "--served-model-name=google/gemma-3-27b-it", "--port=8000",
                "--tensor-parallel-size=4", "--max-model-len=8192", "--gpu-memory-utilization=0.95",
                "--no-enable-log-requests", "--max-num-seqs=128"), texts(container.path("args")),
                "the model from the mount, then the recipe's flags, then the extra ones");
        assertEquals("VLLM_XLA_CACHE_PATH", container.at("/env/0/name").asText());
        assertEquals("/var/cache/vllm-xla", container.at("/env/0/value").asText());
        assertEquals(8000, container.at("/ports/0/containerPort").asInt());
        JsonNode mounts = container.path("volumeMounts");
        assertEquals("/dev/shm", mounts.get(0).path("mountPath").asText());
        assertEquals("/var/cache/vllm-xla", mounts.get(1).path("mountPath").asText());
        assertEquals("xla-cache", mounts.get(1).path("name").asText());
        assertEquals("/data", mounts.get(2).path("mountPath").asText());
        assertTrue(mounts.get(2).path("readOnly").asBoolean());
    }

    @Test
    void maxModelLenIsLeftToTheModelWhenUnset() {
        List<String> args = texts(container(gemma().maxModelLen(null).gpuMemoryUtilization(0.9).build())
                .path("args"));
        assertTrue(args.stream().noneMatch(a -> a.startsWith("--max-model-len")), args.toString());
        assertTrue(args.contains("--gpu-memory-utilization=0.9"), args.toString());
    }

    @Test
    void eightChipHostServesWithTensorParallelEight() {
        JsonNode pod = pod(gemma().tpuTopology("2x4").tpuChips(8).maxModelLen(16384).build());
        assertEquals("2x4", pod.path("nodeSelector").path("cloud.google.com/gke-tpu-topology").asText());
        assertEquals("8", pod.at("/containers/0/resources/requests/google.com~1tpu").asText());
        List<String> args = texts(pod.at("/containers/0/args"));
        assertTrue(args.contains("--tensor-parallel-size=8"), args.toString());
        assertTrue(args.contains("--max-model-len=16384"), args.toString());
    }

    @Test
    void healthGatesStartupReadinessAndLiveness() {
        JsonNode container = container(gemma().build());
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertEquals("/health", container.at("/" + probe + "/httpGet/path").asText(), probe);
            assertEquals(8000, container.at("/" + probe + "/httpGet/port").asInt(), probe);
        }
        JsonNode startup = container.path("startupProbe");
        assertEquals(3600, startup.path("periodSeconds").asInt() * startup.path("failureThreshold").asInt(),
                "an hour to load the weights and compile");
        assertEquals(3, container.at("/readinessProbe/failureThreshold").asInt());
    }

    @Test
    void dranetClaimIsInThePodAndTheContainer() {
        JsonNode pod = pod(gemma().build());
        JsonNode claim = pod.path("resourceClaims").get(0);
        assertEquals("netdev", claim.path("name").asText());
        assertEquals("all-netdev", claim.path("resourceClaimTemplateName").asText());
        assertEquals("netdev", pod.at("/containers/0/resources/claims/0/name").asText());
    }

    @Test
    void weightsFolderIsMountedReadOnlyWithServingTuning() {
        JsonNode pod = pod(gemma().build());
        JsonNode csi = volume(pod, "gcs-fuse-volume").path("csi");
        assertEquals("gcsfuse.csi.storage.gke.io", csi.path("driver").asText());
        assertTrue(csi.path("readOnly").asBoolean());
        assertEquals("acme-weights", csi.at("/volumeAttributes/bucketName").asText());
        assertTrue(csi.at("/volumeAttributes/fileCacheCapacity").isMissingNode(), "sized by the mount options");
        List<String> options = mountOptions(gemma().build());
        assertTrue(options.containsAll(List.of("implicit-dirs", "only-dir:models/gemma-3-27b-it",
                "metadata-cache:ttl-secs:-1", "metadata-cache:stat-cache-max-size-mb:-1",
                "metadata-cache:type-cache-max-size-mb:-1", "metadata-cache:negative-ttl-secs:0",
                "file-system:kernel-list-cache-ttl-secs:-1")), options.toString());
        assertEquals("Memory", volume(pod, "dshm").at("/emptyDir/medium").asText());
        assertEquals("10Gi", volume(pod, "xla-cache").at("/emptyDir/sizeLimit").asText());
    }

    @Test
    void defaultCacheLivesInMemoryAndThePodRequestsIt() {
        VllmTpuServerProps props = gemma().build();
        JsonNode cache = volume(pod(props), "gke-gcsfuse-cache").path("emptyDir");
        assertEquals("Memory", cache.path("medium").asText());
        assertEquals("65Gi", cache.path("sizeLimit").asText(), "the cache and a little room");
        List<String> options = mountOptions(props);
        assertTrue(options.containsAll(List.of("file-cache:max-size-mb:65536",
                "file-cache:cache-file-for-range-read:true", "file-cache:enable-parallel-downloads:true",
                "file-cache:parallel-downloads-per-file:100", "file-cache:max-parallel-downloads:-1",
                "file-cache:download-chunk-size-mb:10")), options.toString());
        assertEquals("104Gi", container(props).at("/resources/requests/memory").asText(),
                "the 64 GiB cache and vLLM's own 40 GiB");
        JsonNode annotations = deployment(props).at("/spec/template/metadata/annotations");
        assertEquals("true", annotations.path("gke-gcsfuse/volumes").asText());
        assertEquals("0", annotations.path("gke-gcsfuse/memory-limit").asText());
        assertEquals("0", annotations.path("gke-gcsfuse/cpu-limit").asText());
        assertEquals("0", annotations.path("gke-gcsfuse/ephemeral-storage-limit").asText());
        assertTrue(annotations.path("gke-gcsfuse/ephemeral-storage-request").isMissingNode());
    }

    @Test
    void diskCacheReservesItsRoomAndHasNoMemoryVolume() {
        VllmTpuServerProps props = gemma().weightsCache(new WeightsFileCache(FileCacheMedium.BOOT_DISK, 64))
                .nodeBootDiskGb(200).build();
        JsonNode pod = pod(props);
        assertTrue(volume(pod, "gke-gcsfuse-cache").isMissingNode(), "the cache is in the sidecar's storage");
        assertTrue(mountOptions(props).contains("file-cache:max-size-mb:65536"));
        assertEquals("64Gi", deployment(props).at("/spec/template/metadata/annotations")
                .path("gke-gcsfuse/ephemeral-storage-request").asText());
        assertEquals("40Gi", pod.at("/containers/0/resources/requests/memory").asText());
    }

    @Test
    void noCacheReadsThroughBufferedReads() {
        VllmTpuServerProps props = gemma().weightsCache(WeightsFileCache.NO_CACHE).build();
        List<String> options = mountOptions(props);
        assertTrue(options.contains("file-cache:max-size-mb:0"), options.toString());
        assertTrue(options.contains("read:enable-buffered-read:true"), options.toString());
        assertFalse(options.contains("file-cache:enable-parallel-downloads:true"), options.toString());
        assertTrue(volume(pod(props), "gke-gcsfuse-cache").isMissingNode());
    }

    @Test
    void failsOnACacheLargerThanWhatHoldsIt() {
        IllegalArgumentException memory = assertThrows(IllegalArgumentException.class,
                () -> gemma().memoryGib(100).build());
        assertTrue(memory.getMessage().contains("at least 104"), memory.getMessage());
        IllegalArgumentException disk = assertThrows(IllegalArgumentException.class, () -> gemma()
                .weightsCache(new WeightsFileCache(FileCacheMedium.BOOT_DISK, 64)).nodeBootDiskGb(100).build());
        assertTrue(disk.getMessage().contains("100 GB boot disk") && disk.getMessage().contains("at least 190 GB"),
                disk.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> gemma().weightsCache(new WeightsFileCache(FileCacheMedium.BOOT_DISK, 64)).build());
        assertThrows(IllegalArgumentException.class, () -> new WeightsFileCache(FileCacheMedium.MEMORY, 0));
        assertThrows(IllegalArgumentException.class, () -> new WeightsFileCache(FileCacheMedium.NONE, 8));
    }

    @Test
    void bootDiskHoldsWhatGkeDoesNotReserve() {
        assertEquals(49, WeightsFileCache.allocatableEphemeralGib(100), "100 - 10 - min(50, 41, 100)");
        assertEquals(104, WeightsFileCache.allocatableEphemeralGib(200), "200 - 20 - min(100, 76, 100)");
        assertEquals(19, WeightsFileCache.maxDiskCacheGib(100));
        assertEquals(190, new WeightsFileCache(FileCacheMedium.BOOT_DISK, 64).minimumBootDiskGb());
        assertEquals(1000 - 100 - 100 - 30, WeightsFileCache.maxDiskCacheGib(1000), "the system part caps at 100");
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
    void failsOnAModelPathThatCannotBeMounted() {
        for (String path : List.of("/models/gemma", "../gemma", "models/a,b", "models:gemma", "models/ gemma", "")) {
            assertThrows(IllegalArgumentException.class, () -> gemma().modelPath(path).build(), path);
        }
        assertTrue(mountOptions(gemma().modelPath("models/gemma/").build()).contains("only-dir:models/gemma"));
    }

    @Test
    void failsOnExtraArgumentsThatTheServerSets() {
        for (String arg : List.of("--max-model-len=4096", "--tensor-parallel-size", "-tp", "--port=9000",
                "--model=/other", "--gpu-memory-utilization=0.5", "--enable-log-requests")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> gemma().extraArgs(List.of(arg)).build(), arg);
            assertTrue(e.getMessage().contains("'" + arg + "'"), e.getMessage());
        }
        assertTrue(VllmTpuServerProps.argumentProblem("--max-num-batched-tokens=512").isEmpty());
    }

    @Test
    void failsOnOutOfRangeVllmSettings() {
        assertThrows(IllegalArgumentException.class, () -> gemma().maxModelLen(0).build());
        assertThrows(IllegalArgumentException.class, () -> gemma().gpuMemoryUtilization(0.0).build());
        assertThrows(IllegalArgumentException.class, () -> gemma().gpuMemoryUtilization(1.2).build());
    }
}
