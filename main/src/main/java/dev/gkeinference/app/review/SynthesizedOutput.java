package dev.gkeinference.app.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A synthesized cdktf output directory ({@code cdktf.out}): {@code manifest.json} names the stacks and where
 * each {@code cdk.tf.json} lives. Only what review needs is read: managed resources and annotations.
 */
public record SynthesizedOutput(Path directory, SortedMap<String, SynthesizedStack> stacks) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SynthesizedOutput {
        stacks = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(stacks));
    }

    /** Reads {@code dir/manifest.json} and every stack it lists; a missing or malformed file is a {@link ReviewInputException}. */
    public static SynthesizedOutput load(Path dir) {
        Path manifestFile = dir.resolve("manifest.json");
        if (!Files.isRegularFile(manifestFile)) {
            throw new ReviewInputException("'" + dir + "' is not a synthesized output: " + manifestFile
                    + " does not exist (run synth first; the directory must contain manifest.json and stacks/)");
        }
        JsonNode stacksNode = readJson(manifestFile).path("stacks");
        if (!stacksNode.isObject()) {
            throw new ReviewInputException(manifestFile + " has no 'stacks' object: is it a cdktf manifest?");
        }
        SortedMap<String, SynthesizedStack> stacks = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : stacksNode.properties()) {
            stacks.put(entry.getKey(), loadStack(dir, entry.getKey(), entry.getValue()));
        }
        return new SynthesizedOutput(dir, stacks);
    }

    private static SynthesizedStack loadStack(Path dir, String id, JsonNode manifestEntry) {
        String relative = manifestEntry.path("synthesizedStackPath").asText("stacks/" + id + "/cdk.tf.json");
        Path stackFile = dir.resolve(relative);
        if (!Files.isRegularFile(stackFile)) {
            throw new ReviewInputException("stack '" + id + "' is listed in " + dir.resolve("manifest.json")
                    + " but " + stackFile + " does not exist");
        }
        JsonNode stackJson = readJson(stackFile);
        return new SynthesizedStack(id, resources(stackJson), annotations(manifestEntry), moves(stackJson),
                withoutMetadata(stackJson.path("terraform")));
    }

    private static SortedMap<String, JsonNode> resources(JsonNode stackJson) {
        SortedMap<String, JsonNode> byAddress = new TreeMap<>();
        stackJson.path("resource").properties().forEach(type ->
                type.getValue().properties().forEach(named ->
                        byAddress.put(type.getKey() + "." + named.getKey(), withoutMetadata(named.getValue()))));
        return byAddress;
    }

    private static Map<String, String> moves(JsonNode stackJson) {
        Map<String, String> movedFrom = new java.util.HashMap<>();
        stackJson.path("moved").forEach(m -> movedFrom.put(m.path("to").asText(), m.path("from").asText()));
        return movedFrom;
    }

    private static List<StackAnnotation> annotations(JsonNode manifestEntry) {
        List<StackAnnotation> found = new ArrayList<>();
        manifestEntry.path("annotations").forEach(a -> found.add(new StackAnnotation(
                a.path("level").asText(), a.path("constructPath").asText(), a.path("message").asText())));
        return found;
    }

    /** cdktf's {@code "//"} keys carry construct paths and stack traces: not configuration, so never a change. */
    private static JsonNode withoutMetadata(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.properties().forEach(e -> {
                if (!"//".equals(e.getKey())) {
                    copy.set(e.getKey(), withoutMetadata(e.getValue()));
                }
            });
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(withoutMetadata(element)));
            return copy;
        }
        return node;
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ReviewInputException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
