package dev.gkeinference.constructs.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.TerraformStack;
import dev.gkeinference.constructs.testing.Manifests;
import dev.gkeinference.constructs.testing.SynthJson;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class InferenceObjectiveTest {

    private static InferenceObjectivePropsBuilder interactive() {
        return InferenceObjectiveProps.builder().name("interactive").namespace("inference").poolName("gemma")
                .priority(10);
    }

    @Test
    void objectiveIsLlmdByDefaultAndReferencesThePool() {
        TerraformStack stack = SynthJson.newStack();
        new InferenceObjective(stack, "objective", interactive().build());
        new InferenceObjective(stack, "batch", interactive().name("batch").priority(null).build());

        JsonNode synth = SynthJson.synth(stack);
        JsonNode objective = Manifests.find(synth, "InferenceObjective", "interactive");
        assertEquals("llm-d.ai/v1alpha2", objective.path("apiVersion").asText());
        assertEquals(10, objective.at("/spec/priority").asInt());
        JsonNode poolRef = objective.at("/spec/poolRef");
        assertEquals("inference.networking.k8s.io", poolRef.path("group").asText());
        assertEquals("InferencePool", poolRef.path("kind").asText());
        assertEquals("gemma", poolRef.path("name").asText());
        assertTrue(Manifests.find(synth, "InferenceObjective", "batch").at("/spec/priority").isMissingNode());
        assertEquals("x-llm-d-inference-objective", InferenceObjective.HEADER);
    }

    @Test
    void legacyGroupIsAnOption() {
        TerraformStack stack = SynthJson.newStack();
        new InferenceObjective(stack, "objective", interactive().group(InferenceObjectiveGroup.LEGACY).build());

        JsonNode objective = Manifests.find(SynthJson.synth(stack), "InferenceObjective", "interactive");
        assertEquals("inference.networking.x-k8s.io/v1alpha2", objective.path("apiVersion").asText());
        assertEquals("gemma", objective.at("/spec/poolRef/name").asText());
    }

    @Test
    void bundledCrdsAreTheUpstreamFilesUnchanged() throws Exception {
        // llm-d-router v0.10.0 config/crd/bases/llm-d.ai_inferenceobjectives.yaml
        assertEquals("c1e763412fcbe2b55e9282850156269a10053be2d052547cb80a2ca639c09990",
                sha256(InferenceObjectiveGroup.LLM_D));
        // Gateway API Inference Extension v1.5.0
        // config/crd/bases/inference.networking.x-k8s.io_inferenceobjectives.yaml
        assertEquals("e06a3e13e91f7a3a71a9d4146fb56076a247f43ad72b6401f8039ccf9cfa3700",
                sha256(InferenceObjectiveGroup.LEGACY));
    }

    private static String sha256(InferenceObjectiveGroup group) throws Exception {
        try (InputStream in = InferenceObjectiveCrd.class.getResourceAsStream(group.crdResource())) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
    }

    @Test
    void llmdCrdIsInstalledWithoutItsStatus() {
        JsonNode crd = crd(InferenceObjectiveGroup.LLM_D);
        assertEquals("apiextensions.k8s.io/v1", crd.path("apiVersion").asText());
        assertEquals("llm-d.ai", crd.at("/spec/group").asText());
        assertEquals("v1alpha2", crd.at("/spec/versions/0/name").asText());
        assertTrue(crd.at("/spec/versions/0/served").asBoolean());
        assertEquals("Namespaced", crd.at("/spec/scope").asText());
        JsonNode spec = crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec");
        assertEquals("poolRef", spec.at("/required/0").asText(), "poolRef is required at v0.10.0");
        assertEquals("inference.networking.k8s.io", spec.at("/properties/poolRef/properties/group/default").asText());
        assertTrue(crd.path("status").isMissingNode());
    }

    @Test
    void legacyCrdIsTheInferenceExtensionOne() {
        JsonNode crd = crd(InferenceObjectiveGroup.LEGACY);
        assertEquals("v1.5.0", crd.at("/metadata/annotations/inference.networking.k8s.io~1bundle-version").asText());
        assertEquals("inference.networking.x-k8s.io", crd.at("/spec/group").asText());
        assertTrue(crd.path("status").isMissingNode());
    }

    private static JsonNode crd(InferenceObjectiveGroup group) {
        TerraformStack stack = SynthJson.newStack();
        new InferenceObjectiveCrd(stack, "crd", group);
        return Manifests.find(SynthJson.synth(stack), "CustomResourceDefinition", group.crdName());
    }

    @Test
    void groupsAreNamedByTheirApiGroup() {
        assertEquals(InferenceObjectiveGroup.LLM_D, InferenceObjectiveGroup.fromGroup("llm-d.ai"));
        assertEquals(InferenceObjectiveGroup.LEGACY,
                InferenceObjectiveGroup.fromGroup("inference.networking.x-k8s.io"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InferenceObjectiveGroup.fromGroup("inference.networking.k8s.io"));
        assertEquals("'inference.networking.k8s.io' is not an InferenceObjective API group: allowed are llm-d.ai"
                + " (current), inference.networking.x-k8s.io (legacy)", e.getMessage());
        assertEquals("inferenceobjectives.llm-d.ai", InferenceObjectiveGroup.LLM_D.crdName());
    }
}
