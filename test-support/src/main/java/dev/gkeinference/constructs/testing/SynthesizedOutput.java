package dev.gkeinference.constructs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A synthesized output directory as cdktf lays it out: {@code manifest.json} and {@code stacks/<id>/cdk.tf.json}. */
public record SynthesizedOutput(Path outdir) {

    public JsonNode manifest() {
        return read(outdir.resolve("manifest.json"));
    }

    /** A stack's Terraform JSON. */
    public JsonNode stack(String name) {
        return read(outdir.resolve("stacks").resolve(name).resolve("cdk.tf.json"));
    }

    /** The stack ids, in the manifest's order. */
    public List<String> stackNames() {
        List<String> names = new ArrayList<>();
        manifest().path("stacks").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The stacks a stack depends on, as the manifest lists them. */
    public List<String> dependencies(String stack) {
        List<String> names = new ArrayList<>();
        manifest().path("stacks").path(stack).path("dependencies").forEach(d -> names.add(d.asText()));
        return names;
    }

    /** Every file of the output, relative to it, sorted. */
    public List<Path> files() {
        try (Stream<Path> walk = Files.walk(outdir)) {
            return walk.filter(Files::isRegularFile).map(outdir::relativize).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return SynthJson.parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
