package dev.gkeinference.constructs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.Testing;
import com.hashicorp.cdktf.providers.google.provider.GoogleProvider;
import com.hashicorp.cdktf.providers.kubernetes.provider.KubernetesProvider;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Synthesizes a stack with the cdktf Testing API and gives the Terraform JSON to assert on. */
public final class SynthJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SynthJson() {
    }

    /** A stack with google and kubernetes providers, ready for constructs under test. */
    public static TerraformStack newStack() {
        App app = TestApps.app();
        TerraformStack stack = new TerraformStack(app, "test");
        GoogleProvider.Builder.create(stack, "google").project("test-project").build();
        KubernetesProvider.Builder.create(stack, "kubernetes").build();
        return stack;
    }

    /** The stack's Terraform JSON, with validations run. */
    public static JsonNode synth(TerraformStack stack) {
        return parse(Testing.synth(stack, true));
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All resources of a type, in address order. */
    public static List<JsonNode> resources(JsonNode synth, String type) {
        List<JsonNode> found = new ArrayList<>();
        JsonNode byName = synth.path("resource").path(type);
        byName.fields().forEachRemaining((Map.Entry<String, JsonNode> e) -> found.add(e.getValue()));
        return found;
    }

    /** The single resource of a type; fails when there is none or several. */
    public static JsonNode onlyResource(JsonNode synth, String type) {
        List<JsonNode> found = resources(synth, type);
        if (found.size() != 1) {
            throw new AssertionError("expected exactly one " + type + ", found " + found.size());
        }
        return found.get(0);
    }

    /** Resource names (the part after the type in the Terraform address). */
    public static List<String> addresses(JsonNode synth, String type) {
        List<String> names = new ArrayList<>();
        synth.path("resource").path(type).fieldNames().forEachRemaining(names::add);
        return names;
    }
}
