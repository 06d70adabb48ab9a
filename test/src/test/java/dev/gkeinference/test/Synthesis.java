package dev.gkeinference.test;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gkeinference.app.Main;
import dev.gkeinference.constructs.testing.SynthesizedOutput;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs the app's {@code Main} as the CLI would, capturing exit code, stdout and stderr. */
record Synthesis(int exitCode, String out, String err, Path outdir) {
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
        return succeeded(run(outdir, Map.of(), "synth", "--project", PROJECT, "--out", outdir.toString(),
                "--picker-jar", PICKER_JAR));
    }

    /** The deployment of a config file of the test resources, synthesized into {@code outdir}. */
    static Synthesis ofConfig(Path outdir, String resource) {
        return succeeded(run(outdir, Map.of(), "synth", "--config", deployment(resource).toString(), "--out",
                outdir.toString(), "--picker-jar", PICKER_JAR));
    }

    /** A deployment config of the test resources. */
    static Path deployment(String resource) {
        return Path.of("src", "test", "resources", "deployments", resource);
    }

    private static Synthesis succeeded(Synthesis synthesis) {
        if (synthesis.exitCode() != 0) {
            throw new AssertionError("synthesis failed: " + synthesis.err());
        }
        return synthesis;
    }

    /** What the run wrote. */
    SynthesizedOutput output() {
        return new SynthesizedOutput(outdir);
    }

    JsonNode manifest() {
        return output().manifest();
    }

    JsonNode stack(String name) {
        return output().stack(name);
    }

    List<String> stackNames() {
        return output().stackNames();
    }

    List<Path> files() {
        return output().files();
    }
}
