package dev.gkeinference.stacks.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gkeinference.constructs.storage.BucketArtifact;
import dev.gkeinference.constructs.testing.FakeJar;
import dev.gkeinference.constructs.testing.SynthJson;
import dev.gkeinference.constructs.testing.SynthesizedOutput;
import dev.gkeinference.stacks.config.ConfigFixtures;
import dev.gkeinference.stacks.config.DeploymentConfigLoader;
import dev.gkeinference.stacks.plan.DeploymentPlan;
import dev.gkeinference.stacks.plan.DeploymentResolver;
import dev.gkeinference.stacks.plan.ResolveOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The endpoint picker as the bundled routing-plugin jar from the model bucket, or as the upstream image. */
class EndpointPickerSourceTest {
    private static final String BUCKET = "acme-inference-prod-inference-weights";
    /** The picker's KSA in the project's workload identity pool; the project number comes from the global stack. */
    private static final String PICKER_MEMBER = "/locations/global/workloadIdentityPools/"
            + "acme-inference-prod.svc.id.goog/subject/ns/inference/sa/gemma3-epp";
    private static SynthesizedOutput bundled;
    private static SynthesizedOutput upstream;

    @BeforeAll
    static void synthesize() {
        bundled = SynthesizedApp.of(ConfigFixtures.referencePlan());
        upstream = SynthesizedApp.of(upstreamPlan());
    }

    /** The reference with the upstream picker image: no jar is needed, so none is given. */
    private static DeploymentPlan upstreamPlan() {
        String yaml = ConfigFixtures.reference().replace("    source: bundled\n"
                + "    jar: routing-plugin/target/routing-plugin.jar\n"
                + "    jreImage: eclipse-temurin:17.0.13_11-jre\n", "    source: upstream\n");
        return DeploymentResolver.resolve(DeploymentConfigLoader.parse(yaml, "test"),
                ResolveOptions.NONE.withProject(ConfigFixtures.PROJECT).requiringPickerJar(), "test");
    }

    private static JsonNode manifest(SynthesizedOutput app, String stack, String kind, String name) {
        return SynthJson.resources(app.stack(stack), "kubernetes_manifest").stream()
                .map(r -> r.path("manifest"))
                .filter(m -> kind.equals(m.path("kind").asText()) && name.equals(m.at("/metadata/name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + stack));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }

    private static String fakeJarObject() throws IOException {
        return "routing-plugin/routing-plugin-" + BucketArtifact.sha256(Path.of(FakeJar.path())).substring(0, 16)
                + ".jar";
    }

    @Test
    void globalUploadsTheJarToTheModelBucketUnderItsHash() throws IOException {
        JsonNode object = SynthJson.onlyResource(bundled.stack("global"), "google_storage_bucket_object");
        assertEquals(fakeJarObject(), object.path("name").asText());
        assertEquals("application/java-archive", object.path("content_type").asText());
        assertTrue(object.path("bucket").asText().matches("\\$\\{google_storage_bucket\\.model-bucket_\\w+\\.name}"),
                "the object references the bucket, so it is created after it: " + object);
        assertTrue(object.path("source").asText().matches("assets/[^/]+/[0-9A-F]+/routing-plugin\\.jar"),
                object.path("source").asText());
    }

    @Test
    void eachWorkloadRunsTheJarOnThePinnedJreFromAFuseMountOfItsFolder() throws IOException {
        for (String stack : List.of("workload-europe-west4", "workload-us-east5")) {
            JsonNode pod = manifest(bundled, stack, "Deployment", "gemma3-epp").at("/spec/template");
            JsonNode container = pod.at("/spec/containers/0");
            assertEquals("eclipse-temurin:17.0.13_11-jre", container.path("image").asText());
            String jarFile = fakeJarObject().substring("routing-plugin/".length());
            assertTrue(texts(container.path("command")).get(2).startsWith("cp /plugin/" + jarFile + " "),
                    texts(container.path("command")).toString());
            assertEquals(List.of("--pool-name", "gemma3", "--pool-namespace", "inference", "--grpc-port", "9002",
                    "--grpc-health-port", "9003", "--metrics-port", "9090", "--ha-enable-leader-election",
                    "--drain-timeout", "30s"), texts(container.path("args")));
            assertEquals("liveness", container.at("/livenessProbe/grpc/service").asText());
            assertEquals("synced", container.at("/readinessProbe/grpc/service").asText());
            assertEquals(9003, container.at("/readinessProbe/grpc/port").asInt());
            JsonNode volume = pod.at("/spec/volumes/0");
            assertEquals("gcsfuse.csi.storage.gke.io", volume.at("/csi/driver").asText());
            assertTrue(volume.at("/csi/readOnly").asBoolean());
            assertEquals(BUCKET, volume.at("/csi/volumeAttributes/bucketName").asText());
            assertEquals("implicit-dirs,only-dir=routing-plugin",
                    volume.at("/csi/volumeAttributes/mountOptions").asText());
            JsonNode mount = container.at("/volumeMounts/0");
            assertEquals(volume.path("name").asText(), mount.path("name").asText());
            assertEquals("/plugin", mount.path("mountPath").asText());
            assertTrue(mount.path("readOnly").asBoolean());
            assertEquals("true", pod.at("/metadata/annotations/gke-gcsfuse~1volumes").asText());
        }
    }

    @Test
    void thePoolStillNamesThePickerService() {
        JsonNode pool = manifest(bundled, "workload-europe-west4", "InferencePool", "gemma3");
        JsonNode service = manifest(bundled, "workload-europe-west4", "Service", "gemma3-epp");
        assertEquals(service.at("/metadata/name").asText(), pool.at("/spec/endpointPickerRef/name").asText());
        assertEquals(9002, pool.at("/spec/endpointPickerRef/port/number").asInt());
        assertEquals(9002, service.at("/spec/ports/0/port").asInt());
    }

    @Test
    void thePickerAccountReadsTheBucketOnlyWhenBundled() {
        assertEquals(1, pickerGrants(bundled, "platform-europe-west4").size());
        assertEquals(1, pickerGrants(bundled, "platform-us-east5").size());
        assertEquals(List.of(), pickerGrants(upstream, "platform-europe-west4"));
    }

    private static List<String> pickerGrants(SynthesizedOutput app, String stack) {
        return SynthJson.resources(app.stack(stack), "google_storage_bucket_iam_member").stream()
                .filter(m -> m.path("member").asText().endsWith(PICKER_MEMBER))
                .peek(m -> assertEquals("roles/storage.objectViewer", m.path("role").asText()))
                .map(m -> m.path("member").asText()).toList();
    }

    @Test
    void upstreamRunsTheUpstreamImageAndUploadsNothing() {
        assertEquals(List.of(), SynthJson.resources(upstream.stack("global"), "google_storage_bucket_object"));
        JsonNode pod = manifest(upstream, "workload-europe-west4", "Deployment", "gemma3-epp").at("/spec/template");
        JsonNode container = pod.at("/spec/containers/0");
        assertEquals("ghcr.io/llm-d/llm-d-router-endpoint-picker:v0.10.0", container.path("image").asText());
        assertTrue(container.path("command").isMissingNode() || container.path("command").isEmpty());
        assertTrue(texts(container.path("args")).containsAll(List.of("--pool-group", "--secure-serving=true",
                "--metrics-endpoint-auth=true")), container.toString());
        assertTrue(texts(container.path("args")).contains("--ha-enable-leader-election"), container.toString());
        assertEquals("liveness", container.at("/readinessProbe/grpc/service").asText());
        assertEquals("liveness", container.at("/livenessProbe/grpc/service").asText());
        assertTrue(pod.at("/spec/volumes").isMissingNode() || pod.at("/spec/volumes").isEmpty());
        assertTrue(pod.at("/metadata/annotations/gke-gcsfuse~1volumes").isMissingNode());
    }

    @Test
    void bothPickersReviewTheTokensOfMetricsScrapersAndHoldALease() {
        for (SynthesizedOutput app : List.of(upstream, bundled)) {
            JsonNode role = manifest(app, "platform-us-east5", "ClusterRole", "inference-gemma3-epp-metrics-auth");
            assertEquals("tokenreviews", role.at("/rules/0/resources/0").asText());
            assertEquals("gemma3-epp", manifest(app, "platform-us-east5", "ClusterRoleBinding",
                    "inference-gemma3-epp-metrics-auth").at("/subjects/0/name").asText());
        }
        assertEquals(List.of("leases"), leaseRules(bundled));
        assertEquals(List.of("leases"), leaseRules(upstream));
    }

    @Test
    void theBundledPickerRunsTwoReplicasWhoseGraceCoversTheDrainAndTheLongestRequest() {
        JsonNode deployment = manifest(bundled, "workload-us-east5", "Deployment", "gemma3-epp");
        assertEquals(2, deployment.at("/spec/replicas").asInt());
        assertEquals(2, manifest(upstream, "workload-us-east5", "Deployment", "gemma3-epp").at("/spec/replicas").asInt());
        assertEquals(30 + 600, deployment.at("/spec/template/spec/terminationGracePeriodSeconds").asInt());
    }

    private static List<String> leaseRules(SynthesizedOutput app) {
        List<String> resources = new java.util.ArrayList<>();
        for (JsonNode rule : manifest(app, "platform-us-east5", "Role", "gemma3-epp").path("rules")) {
            if ("coordination.k8s.io".equals(rule.at("/apiGroups/0").asText())) {
                resources.addAll(texts(rule.path("resources")));
            }
        }
        return resources;
    }

    @Test
    void aChangedJarChangesTheObjectNameAndRollsThePicker(@TempDir Path dir) throws IOException {
        Path jar = Files.writeString(dir.resolve("routing-plugin.jar"), "plugin build 1", StandardCharsets.UTF_8);
        SynthesizedOutput first = SynthesizedApp.of(ConfigFixtures.plan(ConfigFixtures.reference(), jar.toString()));
        Files.writeString(jar, "plugin build 2", StandardCharsets.UTF_8);
        SynthesizedOutput second = SynthesizedApp.of(ConfigFixtures.plan(ConfigFixtures.reference(), jar.toString()));

        String firstName = objectName(first);
        String secondName = objectName(second);
        assertNotEquals(firstName, secondName);
        List<String> firstCommand = command(first);
        List<String> secondCommand = command(second);
        assertNotEquals(firstCommand, secondCommand, "a new pod template, so the Deployment rolls");
        assertTrue(firstCommand.get(2).startsWith("cp /plugin/" + firstName.substring("routing-plugin/".length())
                + " "), firstCommand.get(2));
        assertTrue(secondCommand.get(2).startsWith("cp /plugin/" + secondName.substring("routing-plugin/".length())
                + " "), secondCommand.get(2));
    }

    private static String objectName(SynthesizedOutput app) {
        return SynthJson.onlyResource(app.stack("global"), "google_storage_bucket_object").path("name").asText();
    }

    private static List<String> command(SynthesizedOutput app) {
        return texts(manifest(app, "workload-us-east5", "Deployment", "gemma3-epp")
                .at("/spec/template/spec/containers/0/command"));
    }
}
