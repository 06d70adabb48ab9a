package dev.gkeinference.stacks.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a deployment config from YAML strictly: unknown keys and values of the wrong type are errors that name the
 * key path, so a typo never silently falls back to a default. Then validates it with {@link ConfigValidator}.
 */
public final class DeploymentConfigLoader {
    /** Where the built-in reference deployment comes from, in messages. */
    public static final String REFERENCE_SOURCE = "built-in reference deployment";
    private static final String REFERENCE_RESOURCE = "reference-deployment.yaml";

    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private DeploymentConfigLoader() {
    }

    /** Loads and validates a config file. */
    public static DeploymentConfig load(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidConfigException(file.toString(), List.of("file not found"));
        } catch (IOException e) {
            throw new InvalidConfigException(file.toString(), List.of("cannot read: " + e.getMessage()));
        }
        return validated(parse(yaml, file.toString()), file.toString());
    }

    /** The built-in reference deployment (Gemma 3, europe-west4 + us-east5, 4 TPU v6e chips per cluster). */
    public static DeploymentConfig reference() {
        try (InputStream in = DeploymentConfigLoader.class.getResourceAsStream(REFERENCE_RESOURCE)) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return parse(yaml, REFERENCE_SOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validates a config (for example after a project override) and returns it. */
    public static DeploymentConfig validated(DeploymentConfig config, String source) {
        List<String> problems = ConfigValidator.validate(config);
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(source, problems);
        }
        return config;
    }

    /** Parses YAML text into a config without validating its values. */
    public static DeploymentConfig parse(String yaml, String source) {
        try {
            DeploymentConfig config = YAML.readValue(yaml, DeploymentConfig.class);
            if (config == null) {
                throw new InvalidConfigException(source, List.of("the file is empty"));
            }
            return config;
        } catch (UnrecognizedPropertyException e) {
            String allowed = e.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", "));
            throw new InvalidConfigException(source, List.of("unknown key '" + path(e) + "': allowed keys here are "
                    + allowed));
        } catch (MismatchedInputException e) {
            throw new InvalidConfigException(source, List.of("'" + path(e) + "' must be "
                    + describe(e.getTargetType()) + " (line " + e.getLocation().getLineNr() + ")"));
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException(source, List.of("not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")")));
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "(top level)" : path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of a different type";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text value";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping of keys to values";
        }
        return "a " + type.getSimpleName();
    }
}
