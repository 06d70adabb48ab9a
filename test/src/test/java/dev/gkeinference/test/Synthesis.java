package dev.gkeinference.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gkeinference.app.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Runs the app's {@code Main} as the CLI would, capturing exit code, stdout and stderr. */
record Synthesis(int exitCode, String out, String err, Path outdir) {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The project every whole-app test synthesizes for, so outputs do not depend on the placeholder. */
    static final String PROJECT = "acme-inference-prod";
    /** The routing-plugin jar the reactor built before this module (tests run in {@code test/}). */
    static final String PICKER_JAR = Path.of("..", "routing-plugin", "target", "routing-plugin.jar").toString();

    static Synthesis run(Path outdir, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Synthesis(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), outdir);
    }

    /** The reference deployment, synthesized into {@code outdir}. */
    static Synthesis reference(Path outdir) {
        Synthesis synthesis = run(outdir, Map.of(), "synth", "--project", PROJECT, "--out", outdir.toString(),
                "--picker-jar", PICKER_JAR);
        if (synthesis.exitCode() != 0) {
            throw new AssertionError("synthesis failed: " + synthesis.err());
        }
        return synthesis;
    }

    JsonNode manifest() {
        return read(outdir.resolve("manifest.json"));
    }

    JsonNode stack(String name) {
        return read(outdir.resolve("stacks").resolve(name).resolve("cdk.tf.json"));
    }

    List<String> stackNames() {
        List<String> names = new ArrayList<>();
        manifest().path("stacks").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Every file of the output, relative to it, sorted. */
    List<Path> files() {
        try (Stream<Path> walk = Files.walk(outdir)) {
            return walk.filter(Files::isRegularFile).map(outdir::relativize).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
