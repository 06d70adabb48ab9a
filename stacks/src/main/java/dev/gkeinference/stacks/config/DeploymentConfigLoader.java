package dev.gkeinference.stacks.config;

import dev.gkeinference.stacks.config.yaml.RecordBinder;
import dev.gkeinference.stacks.config.yaml.YamlNode;
import dev.gkeinference.stacks.config.yaml.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads a deployment config from YAML strictly: unknown keys, values of the wrong type and YAML features a config
 * does not use are errors that name the key path, all reported at once, so a typo never silently falls back to a
 * default. Nothing is defaulted or validated here: that is resolving the config into a plan.
 */
public final class DeploymentConfigLoader {
    /** Where the built-in reference deployment comes from, in messages. */
    public static final String REFERENCE_SOURCE = "built-in reference deployment";
    private static final String REFERENCE_RESOURCE = "reference-deployment.yaml";
    /** The key path of problems with the file as a whole. */
    static final String FILE = "(file)";

    private DeploymentConfigLoader() {
    }

    /** Reads a config file. */
    public static DeploymentConfig load(Path file) {
        String source = file.toString();
        try {
            if (Files.size(file) > YamlReader.MAX_CHARACTERS * 4L) {
                throw new InvalidConfigException(source, List.of(FILE + ": larger than a deployment config can be"));
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8), source);
        } catch (NoSuchFileException e) {
            throw new InvalidConfigException(source, List.of(FILE + ": not found"));
        } catch (CharacterCodingException e) {
            throw new InvalidConfigException(source, List.of(FILE + ": not UTF-8 text"));
        } catch (IOException e) {
            throw new InvalidConfigException(source, List.of(FILE + ": cannot be read: " + e.getMessage()));
        }
    }

    /** The YAML of the built-in reference deployment (Gemma 3, europe-west4 + us-east5, 4 TPU v6e chips each). */
    public static String referenceYaml() {
        try (InputStream in = DeploymentConfigLoader.class.getResourceAsStream(REFERENCE_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The built-in reference deployment. */
    public static DeploymentConfig reference() {
        return parse(referenceYaml(), REFERENCE_SOURCE);
    }

    /** Parses YAML text into a config, without defaults or rules. */
    public static DeploymentConfig parse(String yaml, String source) {
        Problems problems = new Problems();
        Optional<YamlNode> root = YamlReader.read(yaml, problems);
        problems.throwIfAny(source);
        if (root.isEmpty() || root.get() instanceof YamlNode.Scalar scalar && scalar.isNull()) {
            throw new InvalidConfigException(source, List.of(FILE + ": is empty: a deployment config is a mapping"
                    + " of keys such as project and regions"));
        }
        DeploymentConfig config = RecordBinder.bind(root.get(), DeploymentConfig.class, problems);
        problems.throwIfAny(source);
        return config;
    }
}
