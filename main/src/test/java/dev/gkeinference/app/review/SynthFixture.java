package dev.gkeinference.app.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a cdktf.out-shaped directory (manifest.json + stacks/<id>/cdk.tf.json) the way cdktf lays it out. */
final class SynthFixture {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final ObjectNode manifest = JSON.createObjectNode();

    SynthFixture(Path dir) {
        this.dir = dir;
        manifest.put("version", "0.21.0");
        manifest.putObject("stacks");
    }

    /** Adds a stack; {@code resourcesJson} is the body of its {@code "resource"} block, e.g. {"type":{"name":{...}}}. */
    SynthFixture stack(String id, String resourcesJson) {
        return stack(id, resourcesJson, "[]", "[]");
    }

    SynthFixture stack(String id, String resourcesJson, String annotationsJson, String movedJson) {
        return stack(id, resourcesJson, annotationsJson, movedJson,
                "{\"backend\":{\"local\":{\"path\":\"../../../terraform." + id + ".tfstate\"}}}");
    }

    /** A stack with its {@code terraform} block (backend, required providers) as given. */
    SynthFixture stack(String id, String resourcesJson, String annotationsJson, String movedJson,
                       String terraformJson) {
        try {
            ObjectNode stackJson = JSON.createObjectNode();
            stackJson.putObject("//").putObject("metadata").put("stackName", id).put("version", "stubbed");
            stackJson.set("terraform", JSON.readTree(terraformJson));
            stackJson.set("resource", JSON.readTree(resourcesJson));
            ArrayNode moved = (ArrayNode) JSON.readTree(movedJson);
            if (!moved.isEmpty()) {
                stackJson.set("moved", moved);
            }
            Path stackDir = dir.resolve("stacks").resolve(id);
            Files.createDirectories(stackDir);
            Files.writeString(stackDir.resolve("cdk.tf.json"), JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(stackJson));
            ObjectNode entry = ((ObjectNode) manifest.get("stacks")).putObject(id);
            entry.put("name", id).put("constructPath", id).put("workingDirectory", "stacks/" + id)
                    .put("synthesizedStackPath", "stacks/" + id + "/cdk.tf.json");
            entry.set("annotations", JSON.readTree(annotationsJson));
            entry.putArray("dependencies");
            Files.writeString(dir.resolve("manifest.json"), JSON.writeValueAsString(manifest));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir() {
        return dir;
    }

    /** Single quotes to double quotes, so JSON fits in Java strings readably. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}
