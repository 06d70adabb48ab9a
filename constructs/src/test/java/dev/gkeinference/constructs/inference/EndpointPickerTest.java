package dev.gkeinference.constructs.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.gkeinference.constructs.testing.Manifests;
import dev.gkeinference.constructs.testing.SynthJson;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointPickerTest {

    private static JsonNode synth(EndpointPickerProps props) {
        TerraformStack stack = SynthJson.newStack();
        new EndpointPicker(stack, "picker", props);
        return SynthJson.synth(stack);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void upstreamPickerByDefault() {
        JsonNode synth = synth(EndpointPickerProps.builder().poolName("gemma").namespace("inference").build());

        JsonNode deployment = Manifests.find(synth, "Deployment", "gemma-epp");
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        assertEquals("gemma-epp", pod.path("serviceAccountName").asText());
        JsonNode container = pod.path("containers").get(0);
        assertEquals("ghcr.io/llm-d/llm-d-router-endpoint-picker:v0.10.0", container.path("image").asText());
        assertEquals(List.of("--pool-name", "gemma", "--pool-namespace", "inference",
                "--pool-group", "inference.networking.k8s.io", "--grpc-port", "9002", "--grpc-health-port", "9003",
                "--metrics-port", "9090", "--secure-serving=true", "--metrics-endpoint-auth=true", "--tracing=false",
                "--zap-encoder=json"), texts(container.path("args")));
        assertTrue(container.path("command").isMissingNode(), "the image's entrypoint");
        List<String> ports = new ArrayList<>();
        container.path("ports").forEach(p -> ports.add(p.path("name").asText() + ":" + p.path("containerPort")));
        assertEquals(List.of("grpc:9002", "grpc-health:9003", "metrics:9090"), ports);
        assertEquals(9003, container.path("readinessProbe").path("grpc").path("port").asInt());
        assertEquals("inference-extension", container.path("readinessProbe").path("grpc").path("service").asText());
        assertEquals("2", container.at("/resources/requests/cpu").asText(), "fits a 4-vCPU system node");
        assertEquals("8Gi", container.at("/resources/limits/memory").asText());
    }

    @Test
    void serviceExposesExtProcHealthAndMetrics() {
        JsonNode synth = synth(EndpointPickerProps.builder().poolName("gemma").namespace("inference").build());

        JsonNode service = Manifests.find(synth, "Service", "gemma-epp");
        assertEquals("gemma-epp", service.path("spec").path("selector").path("app").asText());
        JsonNode ports = service.path("spec").path("ports");
        assertEquals(3, ports.size());
        assertEquals(9002, ports.get(0).path("port").asInt());
        assertEquals("grpc-ext-proc", ports.get(0).path("name").asText());
        assertEquals(9003, ports.get(1).path("port").asInt());
        assertEquals(9090, ports.get(2).path("port").asInt());
    }

    private static JsonNode access(EndpointPickerAccessPropsBuilder props) {
        TerraformStack stack = SynthJson.newStack();
        new EndpointPickerAccess(stack, "picker-access", props.name("gemma-epp").namespace("inference").build());
        return SynthJson.synth(stack);
    }

    @Test
    void accessReadsPodsPoolsAndLlmdObjectivesInItsNamespace() {
        JsonNode synth = access(EndpointPickerAccessProps.builder());

        assertEquals("inference", Manifests.find(synth, "ServiceAccount", "gemma-epp").path("metadata")
                .path("namespace").asText());
        JsonNode rules = Manifests.find(synth, "Role", "gemma-epp").path("rules");
        assertEquals(3, rules.size());
        assertEquals(List.of("pods"), texts(rules.get(0).path("resources")));
        assertEquals(List.of(""), texts(rules.get(0).path("apiGroups")));
        assertEquals(List.of("inferencepools"), texts(rules.get(1).path("resources")));
        assertEquals(List.of("inference.networking.k8s.io"), texts(rules.get(1).path("apiGroups")));
        assertEquals(List.of("inferenceobjectives", "inferencemodelrewrites"), texts(rules.get(2).path("resources")));
        assertEquals(List.of("llm-d.ai"), texts(rules.get(2).path("apiGroups")));
        rules.forEach(rule -> assertEquals(List.of("get", "list", "watch"), texts(rule.path("verbs"))));
        assertEquals("gemma-epp", Manifests.find(synth, "RoleBinding", "gemma-epp").path("subjects").get(0)
                .path("name").asText());
        String dependsOn = Manifests.resourceOf(synth, "RoleBinding", "gemma-epp").path("depends_on").toString();
        assertTrue(dependsOn.contains("picker-access_service-account"), dependsOn);
        assertTrue(Manifests.all(synth).stream().noneMatch(m -> m.path("kind").asText().startsWith("Cluster")),
                "no cluster role without metrics auth");
    }

    @Test
    void accessReadsTheLegacyObjectiveGroupWhenChosen() {
        JsonNode rules = Manifests.find(access(EndpointPickerAccessProps.builder()
                .objectiveGroup(InferenceObjectiveGroup.LEGACY)), "Role", "gemma-epp").path("rules");
        assertEquals(List.of("inference.networking.x-k8s.io"), texts(rules.get(2).path("apiGroups")));
        rules.forEach(rule -> assertTrue(!texts(rule.path("apiGroups")).contains("llm-d.ai")));
    }

    @Test
    void metricsAuthMayCreateTokenAndAccessReviews() {
        JsonNode synth = access(EndpointPickerAccessProps.builder().metricsAuth(true));

        JsonNode rules = Manifests.find(synth, "ClusterRole", "inference-gemma-epp-metrics-auth").path("rules");
        assertEquals(List.of("authentication.k8s.io"), texts(rules.get(0).path("apiGroups")));
        assertEquals(List.of("tokenreviews"), texts(rules.get(0).path("resources")));
        assertEquals(List.of("authorization.k8s.io"), texts(rules.get(1).path("apiGroups")));
        assertEquals(List.of("subjectaccessreviews"), texts(rules.get(1).path("resources")));
        rules.forEach(rule -> assertEquals(List.of("create"), texts(rule.path("verbs"))));
        JsonNode subject = Manifests.find(synth, "ClusterRoleBinding", "inference-gemma-epp-metrics-auth")
                .at("/subjects/0");
        assertEquals("gemma-epp", subject.path("name").asText());
        assertEquals("inference", subject.path("namespace").asText());
    }

    @Test
    void runsAsTheGivenServiceAccount() {
        JsonNode synth = synth(EndpointPickerProps.builder().poolName("gemma").namespace("inference")
                .serviceAccountName("picker").build());
        assertEquals("picker", Manifests.find(synth, "Deployment", "gemma-epp").path("spec").path("template")
                .path("spec").path("serviceAccountName").asText());
    }

    @Test
    void containerSeamTakesAJarOnAJreWithAFuseVolume() {
        JsonNode synth = synth(EndpointPickerProps.builder().poolName("gemma").namespace("inference")
                .image("eclipse-temurin:21-jre").command(List.of("java", "-jar", "/plugin/picker.jar"))
                .args(List.of("--pool-name=gemma"))
                .podAnnotations(Map.of("gke-gcsfuse/volumes", "true"))
                .volumes(List.of(new VolumeBuilder().withName("plugin")
                        .withNewCsi().withDriver("gcsfuse.csi.storage.gke.io").endCsi().build()))
                .volumeMounts(List.of(new VolumeMountBuilder().withName("plugin").withMountPath("/plugin")
                        .withReadOnly(true).build()))
                .build());

        JsonNode template = Manifests.find(synth, "Deployment", "gemma-epp").path("spec").path("template");
        JsonNode container = template.path("spec").path("containers").get(0);
        assertEquals("eclipse-temurin:21-jre", container.path("image").asText());
        assertEquals(List.of("java", "-jar", "/plugin/picker.jar"), texts(container.path("command")));
        assertEquals(List.of("--pool-name=gemma"), texts(container.path("args")));
        assertEquals("/plugin", container.path("volumeMounts").get(0).path("mountPath").asText());
        assertEquals("plugin", template.path("spec").path("volumes").get(0).path("name").asText());
        assertEquals("gcsfuse.csi.storage.gke.io",
                template.path("spec").path("volumes").get(0).path("csi").path("driver").asText());
        assertEquals(true, container.path("volumeMounts").get(0).path("readOnly").asBoolean());
        assertEquals("true", template.path("metadata").path("annotations").path("gke-gcsfuse/volumes").asText());
    }

    @Test
    void jarFromBucketMountsTheJarFolderAndRunsItOnTheJre() {
        JsonNode synth = synth(EndpointPickerProps.jarFromBucket("eclipse-temurin:21-jre", "acme-weights",
                        "plugins/picker-0123abcd.jar", List.of("--pool-name=gemma"))
                .poolName("gemma").namespace("inference").build());

        JsonNode pod = Manifests.find(synth, "Deployment", "gemma-epp").path("spec").path("template");
        JsonNode container = pod.at("/spec/containers/0");
        assertEquals("eclipse-temurin:21-jre", container.path("image").asText());
        assertEquals(List.of("sh", "-c", "cp /plugin/picker-0123abcd.jar /var/run/picker/picker.jar && exec java"
                + " -XX:MaxRAMPercentage=75 -jar /var/run/picker/picker.jar \"$@\"", "picker"),
                texts(container.path("command")), "the jar runs from a local copy, not from the bucket mount");
        assertEquals("/plugin", container.at("/volumeMounts/0/mountPath").asText());
        assertTrue(container.at("/volumeMounts/0/readOnly").asBoolean());
        assertEquals("/var/run/picker", container.at("/volumeMounts/1/mountPath").asText());
        assertTrue(pod.at("/spec/volumes/1/emptyDir").isObject());
        JsonNode csi = pod.at("/spec/volumes/0/csi");
        assertEquals("gcsfuse.csi.storage.gke.io", csi.path("driver").asText());
        assertTrue(csi.path("readOnly").asBoolean());
        assertEquals("acme-weights", csi.at("/volumeAttributes/bucketName").asText());
        assertEquals("implicit-dirs,only-dir=plugins", csi.at("/volumeAttributes/mountOptions").asText());
        assertEquals("true", pod.at("/metadata/annotations/gke-gcsfuse~1volumes").asText());
    }

    @Test
    void probesAskForTheUpstreamHealthServiceByDefault() {
        JsonNode container = Manifests.find(synth(EndpointPickerProps.builder().poolName("gemma")
                .namespace("inference").build()), "Deployment", "gemma-epp").at("/spec/template/spec/containers/0");
        assertEquals("inference-extension", container.at("/livenessProbe/grpc/service").asText());
        assertEquals("inference-extension", container.at("/readinessProbe/grpc/service").asText());
    }

    @Test
    void probesAskForTheHealthServicesThePickerNames() {
        JsonNode container = Manifests.find(synth(EndpointPickerProps.builder().poolName("gemma")
                .namespace("inference").livenessService("liveness").readinessService("readiness").build()),
                "Deployment", "gemma-epp").at("/spec/template/spec/containers/0");
        assertEquals(9003, container.at("/livenessProbe/grpc/port").asInt());
        assertEquals("liveness", container.at("/livenessProbe/grpc/service").asText());
        assertEquals(9003, container.at("/readinessProbe/grpc/port").asInt());
        assertEquals("readiness", container.at("/readinessProbe/grpc/service").asText());
    }

    @Test
    void failsWithoutReplicas() {
        assertThrows(IllegalArgumentException.class, () -> EndpointPickerProps.builder().poolName("gemma")
                .namespace("inference").replicas(0).build());
    }
}
