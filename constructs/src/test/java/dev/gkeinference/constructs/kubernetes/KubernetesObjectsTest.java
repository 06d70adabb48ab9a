package dev.gkeinference.constructs.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.gkeinference.constructs.testing.Manifests;
import dev.gkeinference.constructs.testing.SynthJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubernetesObjectsTest {

    @Test
    void namespaceIsClusterScoped() {
        TerraformStack stack = SynthJson.newStack();
        new Namespace(stack, "namespace", new NamespaceProps("inference", Map.of("team", "ml")));

        JsonNode ns = Manifests.find(SynthJson.synth(stack), "Namespace", "inference");
        assertEquals("v1", ns.path("apiVersion").asText());
        assertEquals("ml", ns.path("metadata").path("labels").path("team").asText());
        assertTrue(ns.path("metadata").path("namespace").isMissingNode());
        assertTrue(ns.path("spec").isMissingNode(), "no empty spec: the object is exactly what was meant");
    }

    @Test
    void serviceAccountPrincipalGrantsLiveUnderTheAccount() {
        TerraformStack stack = SynthJson.newStack();
        ServiceAccount ksa = new ServiceAccount(stack, "vllm-ksa", ServiceAccountProps.of("vllm", "inference"));

        assertEquals("principal://iam.googleapis.com/projects/42/locations/global/workloadIdentityPools/"
                + "acme.svc.id.goog/subject/ns/inference/sa/vllm", ksa.principal("42", "acme").member());
        assertEquals(ksa, ksa.principal("42", "acme").scope());
        JsonNode sa = Manifests.find(SynthJson.synth(stack), "ServiceAccount", "vllm");
        assertEquals("v1", sa.path("apiVersion").asText());
        assertEquals("inference", sa.path("metadata").path("namespace").asText());
        assertTrue(sa.path("metadata").path("annotations").isMissingNode(), "no Google service account annotation");
    }

    @Test
    void roleIsBoundToTheServiceAccountAfterTheRoleExists() {
        TerraformStack stack = SynthJson.newStack();
        new ServiceAccountRole(stack, "reader", new ServiceAccountRoleProps("reader", "inference", "picker",
                List.of(PolicyRule.read("", "pods"))));

        JsonNode synth = SynthJson.synth(stack);
        JsonNode role = Manifests.find(synth, "Role", "reader");
        assertEquals("rbac.authorization.k8s.io/v1", role.path("apiVersion").asText());
        assertEquals("pods", role.path("rules").get(0).path("resources").get(0).asText());
        assertEquals("", role.path("rules").get(0).path("apiGroups").get(0).asText());
        assertEquals(List.of("get", "list", "watch"), toList(role.path("rules").get(0).path("verbs")));
        JsonNode binding = Manifests.find(synth, "RoleBinding", "reader");
        assertEquals("Role", binding.path("roleRef").path("kind").asText());
        assertEquals("reader", binding.path("roleRef").path("name").asText());
        assertEquals("rbac.authorization.k8s.io", binding.path("roleRef").path("apiGroup").asText());
        JsonNode subject = binding.path("subjects").get(0);
        assertEquals("ServiceAccount", subject.path("kind").asText());
        assertEquals("picker", subject.path("name").asText());
        assertEquals("inference", subject.path("namespace").asText());
        List<String> dependsOn = toList(Manifests.resourceOf(synth, "RoleBinding", "reader").path("depends_on"));
        assertEquals(1, dependsOn.size(), dependsOn.toString());
        assertTrue(dependsOn.get(0).matches("kubernetes_manifest\\.reader_role_[0-9A-F]{8}"),
                "a bare resource address, as depends_on takes it: " + dependsOn);
    }

    @Test
    void clusterRoleIsClusterScopedAndBoundToTheNamespacedAccount() {
        TerraformStack stack = SynthJson.newStack();
        new ServiceAccountClusterRole(stack, "reviews", new ServiceAccountRoleProps("inference-picker-reviews",
                "inference", "picker", List.of(new PolicyRule(List.of("authentication.k8s.io"),
                        List.of("tokenreviews"), List.of("create")))));

        JsonNode synth = SynthJson.synth(stack);
        JsonNode role = Manifests.find(synth, "ClusterRole", "inference-picker-reviews");
        assertTrue(role.path("metadata").path("namespace").isMissingNode());
        assertEquals(List.of("tokenreviews"), toList(role.path("rules").get(0).path("resources")));
        assertEquals(List.of("create"), toList(role.path("rules").get(0).path("verbs")));
        JsonNode binding = Manifests.find(synth, "ClusterRoleBinding", "inference-picker-reviews");
        assertTrue(binding.path("metadata").path("namespace").isMissingNode());
        assertEquals("ClusterRole", binding.path("roleRef").path("kind").asText());
        assertEquals("inference", binding.path("subjects").get(0).path("namespace").asText());
        assertEquals("picker", binding.path("subjects").get(0).path("name").asText());
        String dependsOn = Manifests.resourceOf(synth, "ClusterRoleBinding", "inference-picker-reviews")
                .path("depends_on").toString();
        assertTrue(dependsOn.contains("reviews_role_"), dependsOn);
    }

    private static List<String> toList(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void claimTemplateRequestsAllNetdevDevices() {
        TerraformStack stack = SynthJson.newStack();
        new NetworkDeviceClaimTemplate(stack, "netdev",
                NetworkDeviceClaimTemplateProps.builder().namespace("inference").build());

        JsonNode template = Manifests.find(SynthJson.synth(stack), "ResourceClaimTemplate", "all-netdev");
        assertEquals("resource.k8s.io/v1", template.path("apiVersion").asText());
        JsonNode request = template.path("spec").path("spec").path("devices").path("requests").get(0);
        assertEquals("req-netdev", request.path("name").asText());
        assertEquals("netdev.google.com", request.path("exactly").path("deviceClassName").asText());
        assertEquals("All", request.path("exactly").path("allocationMode").asText());
        assertTrue(request.path("exactly").path("count").isMissingNode());
    }

    @Test
    void claimTemplateWithACountUsesExactCount() {
        TerraformStack stack = SynthJson.newStack();
        new NetworkDeviceClaimTemplate(stack, "netdev",
                NetworkDeviceClaimTemplateProps.builder().namespace("inference").count(2).build());

        JsonNode exactly = Manifests.find(SynthJson.synth(stack), "ResourceClaimTemplate", "all-netdev")
                .path("spec").path("spec").path("devices").path("requests").get(0).path("exactly");
        assertEquals("ExactCount", exactly.path("allocationMode").asText());
        assertEquals(2, exactly.path("count").asInt());
    }

    @Test
    void customResourceDefinitionDropsServerOwnedStatus() {
        TerraformStack stack = SynthJson.newStack();
        new CustomResourceDefinition(stack, "crd", yaml("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.example.com}
                spec:
                  group: example.com
                  versions: [{name: v1, schema: {openAPIV3Schema: {type: object, properties: {size: {minimum: 0}}}}}]
                status: {storedVersions: []}
                """));

        JsonNode crd = Manifests.find(SynthJson.synth(stack), "CustomResourceDefinition", "widgets.example.com");
        assertFalse(crd.has("status"));
        assertEquals("example.com", crd.path("spec").path("group").asText());
        JsonNode minimum = crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/size/minimum");
        assertEquals("0", minimum.toString(), "the schema is the document as written, numbers included");
    }

    private static io.fabric8.kubernetes.api.model.GenericKubernetesResource yaml(String document) {
        return CustomResourceDefinition.read(
                new java.io.ByteArrayInputStream(document.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "test");
    }

    @Test
    void failsOnInvalidNames() {
        TerraformStack stack = SynthJson.newStack();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Namespace(stack, "ns", NamespaceProps.of("Inference_NS")));
        assertTrue(e.getMessage().contains("'Inference_NS'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CustomResourceDefinition(stack, "crd",
                yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: x}}")));
    }
}
