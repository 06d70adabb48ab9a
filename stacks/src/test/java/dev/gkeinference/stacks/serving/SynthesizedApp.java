package dev.gkeinference.stacks.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.Testing;
import dev.gkeinference.constructs.testing.FakeJar;
import dev.gkeinference.constructs.testing.SynthJson;
import dev.gkeinference.stacks.InferenceDeployment;
import dev.gkeinference.stacks.config.DeploymentConfig;
import dev.gkeinference.stacks.config.DeploymentConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A deployment synthesized as the app does it, read back from the output directory. */
record SynthesizedApp(Path outdir) {
    static final String PROJECT = "acme-inference-prod";

    /** The reference deployment; its bundled picker jar is a {@link FakeJar}. */
    static DeploymentConfig referenceConfig() {
        return DeploymentConfigLoader.validated(DeploymentConfigLoader.reference().withProject(PROJECT)
                .withPickerJar(FakeJar.path()), "test");
    }

    static SynthesizedApp of(DeploymentConfig config) {
        App app = Testing.app();
        InferenceDeployment.build(app, config);
        app.synth();
        return new SynthesizedApp(Path.of(app.getOutdir()));
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

    List<String> dependencies(String stack) {
        List<String> names = new ArrayList<>();
        manifest().path("stacks").path(stack).path("dependencies").forEach(d -> names.add(d.asText()));
        return names;
    }

    private static JsonNode read(Path file) {
        try {
            return SynthJson.parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
