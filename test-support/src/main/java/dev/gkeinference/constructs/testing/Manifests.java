package dev.gkeinference.constructs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Finds the objects of {@code kubernetes_manifest} resources in a synthesized stack. */
public final class Manifests {
    private Manifests() {
    }

    /** The {@code manifest} attribute of every kubernetes_manifest, in address order. */
    public static List<JsonNode> all(JsonNode synth) {
        return SynthJson.resources(synth, "kubernetes_manifest").stream().map(r -> r.path("manifest")).toList();
    }

    /** The one object of this kind and name; fails when there is none or several. */
    public static JsonNode find(JsonNode synth, String kind, String name) {
        List<JsonNode> found = all(synth).stream()
                .filter(m -> kind.equals(m.path("kind").asText()))
                .filter(m -> name.equals(m.path("metadata").path("name").asText()))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + " '" + name + "', found " + found.size() + " among "
                    + all(synth).stream().map(m -> m.path("kind").asText() + "/"
                            + m.path("metadata").path("name").asText()).toList());
        }
        return found.get(0);
    }

    /** The kubernetes_manifest resource (with depends_on etc.) holding this kind and name. */
    public static JsonNode resourceOf(JsonNode synth, String kind, String name) {
        return SynthJson.resources(synth, "kubernetes_manifest").stream()
                .filter(r -> kind.equals(r.path("manifest").path("kind").asText()))
                .filter(r -> name.equals(r.path("manifest").path("metadata").path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " '" + name + "'"));
    }
}
