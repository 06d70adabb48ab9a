package dev.gkeinference.stacks.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gkeinference.constructs.testing.SynthJson;
import dev.gkeinference.constructs.testing.SynthesizedOutput;
import dev.gkeinference.stacks.config.ConfigFixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The serving stacks of the reference deployment: what each holds and how the objects refer to each other. */
class ServingStacksTest {
    private static SynthesizedOutput app;

    @BeforeAll
    static void synthesize() {
        app = SynthesizedApp.of(ConfigFixtures.referencePlan());
    }

    private static JsonNode find(String stack, String kind, String name) {
        return SynthJson.resources(app.stack(stack), "kubernetes_manifest").stream()
                .map(r -> r.path("manifest"))
                .filter(m -> kind.equals(m.path("kind").asText()) && name.equals(m.at("/metadata/name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + stack));
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static List<String> kinds(String stack) {
        List<String> kinds = new ArrayList<>();
        SynthJson.resources(app.stack(stack), "kubernetes_manifest")
                .forEach(r -> kinds.add(r.at("/manifest/kind").asText() + "/"
                        + r.at("/manifest/metadata/name").asText()));
        return kinds.stream().sorted().toList();
    }

    @Test
    void fleetEnablesBothFeaturesWithTheConfigClustersRegionalMembership() {
        JsonNode fleet = app.stack("fleet");
        JsonNode mci = SynthJson.resources(fleet, "google_gke_hub_feature").stream()
                .filter(f -> f.path("name").asText().equals("multiclusteringress")).findFirst().orElseThrow();
        String membership = mci.at("/spec/multiclusteringress/config_membership").asText();
        assertTrue(membership.startsWith("projects/acme-inference-prod/locations/${data.terraform_remote_state."
                + "cross-stack-reference-input-cluster-europe-west4.outputs."), membership);
        assertTrue(membership.contains("fleet0membership_location}/memberships/${"), membership);
        assertTrue(SynthJson.resources(fleet, "google_gke_hub_membership").isEmpty());
        List<String> roles = SynthJson.resources(fleet, "google_project_iam_member").stream()
                .map(m -> m.path("role").asText()).sorted().toList();
        assertEquals(List.of("roles/compute.networkViewer", "roles/container.admin"), roles);
    }

    @Test
    void platformHoldsNamespaceAccountsRbacAndTheObjectiveCrd() {
        for (String region : List.of("europe-west4", "us-east5")) {
            assertEquals(List.of("ClusterRole/inference-gemma3-epp-metrics-auth",
                    "ClusterRoleBinding/inference-gemma3-epp-metrics-auth",
                    "CustomResourceDefinition/inferenceobjectives.llm-d.ai",
                    "Namespace/inference", "Role/gemma3-epp", "RoleBinding/gemma3-epp", "ServiceAccount/gemma3-epp",
                    "ServiceAccount/vllm"), kinds("platform-" + region), "one objective CRD, the llm-d one");
            assertEquals(List.of("llm-d.ai"), texts(find("platform-" + region, "Role", "gemma3-epp")
                    .at("/rules/2/apiGroups")), "the picker reads the installed objective group");
        }
        // the model server's grant; the bundled picker's is asserted in EndpointPickerSourceTest
        JsonNode grant = SynthJson.resources(app.stack("platform-us-east5"), "google_storage_bucket_iam_member")
                .stream().filter(g -> g.path("member").asText().endsWith("/sa/vllm")).findFirst().orElseThrow();
        assertEquals("roles/storage.objectViewer", grant.path("role").asText());
        assertTrue(grant.path("member").asText().endsWith(
                "/locations/global/workloadIdentityPools/acme-inference-prod.svc.id.goog/subject/ns/inference/sa/vllm"),
                grant.path("member").asText());
    }

    @Test
    void platformObjectsInTheNamespaceWaitForIt() {
        JsonNode stack = app.stack("platform-europe-west4");
        String namespace = "kubernetes_manifest." + SynthJson.addresses(stack, "kubernetes_manifest").stream()
                .filter(a -> a.startsWith("namespace_")).findFirst().orElseThrow();
        for (JsonNode resource : SynthJson.resources(stack, "kubernetes_manifest")) {
            if (resource.at("/manifest/metadata/namespace").isMissingNode()) {
                continue;
            }
            List<String> dependsOn = new ArrayList<>();
            resource.path("depends_on").forEach(d -> dependsOn.add(d.asText()));
            assertTrue(dependsOn.contains(namespace), resource.at("/manifest/kind") + " " + dependsOn);
        }
    }

    @Test
    void workloadHoldsTheServingObjects() {
        assertEquals(List.of("AutoscalingMetric/vllm-gemma3-metrics", "Deployment/gemma3-epp",
                "Deployment/vllm-gemma3", "InferenceObjective/batch", "InferenceObjective/interactive",
                "InferencePool/gemma3", "ResourceClaimTemplate/all-netdev", "Service/gemma3-epp",
                "Service/vllm-gemma3-service"), kinds("workload-europe-west4"));
    }

    @Test
    void workloadObjectsReferToEachOther() {
        String stack = "workload-us-east5";
        JsonNode pod = find(stack, "Deployment", "vllm-gemma3").at("/spec/template/spec");
        assertEquals("vllm", pod.path("serviceAccountName").asText(), "the account the platform stack granted");
        assertEquals("all-netdev", pod.at("/resourceClaims/0/resourceClaimTemplateName").asText());
        JsonNode weights = pod.at("/volumes/2/csi/volumeAttributes");
        assertEquals("acme-inference-prod-inference-weights", weights.path("bucketName").asText());
        assertTrue(weights.path("mountOptions").asText().contains(",only-dir:gemma-3-27b-it,"), weights.toString());
        assertTrue(weights.path("mountOptions").asText().contains(",file-cache:max-size-mb:65536,"),
                weights.toString());
        assertEquals("gke-gcsfuse-cache", pod.at("/volumes/3/name").asText());
        assertEquals("65Gi", pod.at("/volumes/3/emptyDir/sizeLimit").asText());
        JsonNode container = pod.at("/containers/0");
        assertEquals("vllm/vllm-tpu:v0.23.0", container.path("image").asText());
        assertEquals(List.of("vllm", "serve"), texts(container.path("command")));
        assertEquals("4", container.at("/resources/limits/google.com~1tpu").asText());
        assertEquals("104Gi", container.at("/resources/requests/memory").asText(), "covers the in-memory cache");
        assertEquals("2x2", pod.at("/nodeSelector/cloud.google.com~1gke-tpu-topology").asText());
        assertEquals(List.of("/data", "--served-model-name=google/gemma-3-27b-it", "--port=8000",
                "--tensor-parallel-size=4", "--max-model-len=8192", "--gpu-memory-utilization=0.95",
                "--no-enable-log-requests"), texts(container.path("args")));

        JsonNode pool = find(stack, "InferencePool", "gemma3");
        assertEquals("gemma3-epp", pool.at("/spec/endpointPickerRef/name").asText());
        assertEquals("FailOpen", pool.at("/spec/endpointPickerRef/failureMode").asText());
        assertEquals("vllm-gemma3", pool.at("/spec/selector/matchLabels/app").asText());
        JsonNode metric = find(stack, "AutoscalingMetric", "vllm-gemma3-metrics");
        assertEquals(pool.at("/spec/selector/matchLabels").toString(),
                metric.at("/spec/metrics/0/pod/selector/matchLabels").toString());
        assertEquals("kv-cache", metric.at("/spec/metrics/0/pod/containers/0/metrics/0/gauge/name").asText());
        assertEquals("llm-d.ai/v1alpha2", find(stack, "InferenceObjective", "interactive").path("apiVersion")
                .asText());
        assertEquals("gemma3-epp", find(stack, "Deployment", "gemma3-epp")
                .at("/spec/template/spec/serviceAccountName").asText());
        assertEquals("gemma3", find(stack, "InferenceObjective", "interactive").at("/spec/poolRef/name").asText());
        assertEquals(10, find(stack, "InferenceObjective", "interactive").at("/spec/priority").asInt());
    }

    @Test
    void gatewayRoutesToTheImportOfThePoolEveryClusterExports() {
        JsonNode gateway = find("gateway", "Gateway", "cross-region-gateway");
        assertEquals("gke-l7-cross-regional-internal-managed-mc", gateway.at("/spec/gatewayClassName").asText());
        assertEquals("networking.gke.io/ephemeral-ipv4-address/europe-west4",
                gateway.at("/spec/addresses/0/type").asText());
        assertEquals("us-east5", gateway.at("/spec/addresses/1/value").asText());
        assertEquals("inference", gateway.at("/metadata/namespace").asText());
        JsonNode backend = find("gateway", "HTTPRoute", "gemma3-default").at("/spec/rules/0/backendRefs/0");
        assertEquals("GCPInferencePoolImport", backend.path("kind").asText());
        assertEquals("gemma3", backend.path("name").asText(), "the pool name of the workload stacks");
        JsonNode health = find("gateway", "HealthCheckPolicy", "gemma3-health-check");
        assertEquals(8000, health.at("/spec/default/config/httpHealthCheck/port").asInt(),
                "the pool's target port");
        JsonNode policy = find("gateway", "GCPBackendPolicy", "gemma3-backend-policy").at("/spec/default");
        assertEquals("gke.named_metrics.kv-cache", policy.at("/customMetrics/0/name").asText(),
                "the metric the AutoscalingMetric exports");
        assertEquals(60, policy.at("/customMetrics/0/maxUtilizationPercent").asInt());
        assertEquals(600, policy.path("timeoutSec").asInt());
        assertEquals("LONG", policy.path("trafficDuration").asText());
    }
}
