package dev.gkeinference.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The schemas of every Kubernetes kind the deployment emits, bundled under {@code src/test/resources/schemas} (the
 * README there names each source), and the check of one {@code kubernetes_manifest} object against its schema with
 * a real JSON-schema validator (networknt, OpenAPI 3.0 dialect).
 *
 * <p>As with Kubernetes' strict field validation (and the kubernetes provider, which fails on attributes the schema
 * lacks), an object schema that declares {@code properties} rejects fields it does not declare, unless it says
 * {@code x-kubernetes-preserve-unknown-fields}. A CustomResourceDefinition object must equal the bundled upstream
 * CRD of its name, the one its objects are checked against. Values that are Terraform expressions
 * ({@code ${...}}) are only known at apply time and are not checked.
 */
final class ManifestSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String CRD = "apiextensions.k8s.io/v1/CustomResourceDefinition";
    private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30());
    /** Schema nodes by {@code apiVersion/kind}. */
    private final Map<String, JsonNode> schemas = new HashMap<>();
    /** Bundled upstream CRDs by name, without their (empty) status. */
    private final Map<String, JsonNode> upstreamCrds = new HashMap<>();
    private final Map<String, Schema> compiled = new HashMap<>();
    private JsonNode objectMeta;

    private ManifestSchemas() {
    }

    /** Every schema under {@code schemas/} on the test classpath. */
    static ManifestSchemas bundled() {
        ManifestSchemas bundle = new ManifestSchemas();
        List<Path> overlays = new ArrayList<>();
        for (Path file : files()) {
            String name = file.getFileName().toString();
            if (name.endsWith(".json")) {
                bundle.addOpenApi(read(JSON, file));
            } else if (name.contains(".documented-fields.")) {
                overlays.add(file);
            } else if (name.endsWith(".yaml")) {
                bundle.addCrd(read(YAML, file), !file.getParent().getFileName().toString().equals("ours"));
            }
        }
        overlays.forEach(file -> bundle.addFields(read(YAML, file)));
        return bundle;
    }

    /** What is wrong with this object, each naming it and the field; empty when it matches its schema. */
    List<String> problems(JsonNode manifest) {
        String key = manifest.path("apiVersion").asText() + "/" + manifest.path("kind").asText();
        String object = key + " " + manifest.path("metadata").path("namespace").asText("") + "/"
                + manifest.path("metadata").path("name").asText();
        if (CRD.equals(key)) {
            return crdProblems(manifest, object);
        }
        if (!schemas.containsKey(key)) {
            return List.of(object + ": no bundled schema for " + key + "; add its CRD or OpenAPI file under"
                    + " src/test/resources/schemas with its source in the README there");
        }
        List<String> problems = new ArrayList<>();
        report(schema(key).validate(manifest), object + ": ", problems);
        report(compiledMeta().validate(manifest.path("metadata")), object + ": metadata ", problems);
        return problems;
    }

    private List<String> crdProblems(JsonNode manifest, String object) {
        JsonNode upstream = upstreamCrds.get(manifest.path("metadata").path("name").asText());
        if (upstream == null) {
            return List.of(object + ": not one of the bundled upstream CRDs " + upstreamCrds.keySet());
        }
        return upstream.equals(withoutStatus(manifest)) ? List.of()
                : List.of(object + ": differs from the bundled upstream CRD of that name");
    }

    private void addOpenApi(JsonNode doc) {
        JsonNode components = doc.path("components");
        components.path("schemas").fields().forEachRemaining(entry -> {
            strict(entry.getValue());
            for (JsonNode gvk : entry.getValue().path("x-kubernetes-group-version-kind")) {
                String group = gvk.path("group").asText();
                String apiVersion = (group.isEmpty() ? "" : group + "/") + gvk.path("version").asText();
                ObjectNode root = JSON.createObjectNode();
                root.set("components", components);
                root.put("$ref", "#/components/schemas/" + entry.getKey());
                schemas.put(apiVersion + "/" + gvk.path("kind").asText(), root);
            }
            if (entry.getKey().equals(OBJECT_META) && objectMeta == null) {
                ObjectNode root = JSON.createObjectNode();
                root.set("components", components);
                root.put("$ref", "#/components/schemas/" + OBJECT_META);
                objectMeta = root;
            }
        });
    }

    private void addCrd(JsonNode crd, boolean upstream) {
        if (upstream) {
            upstreamCrds.put(crd.path("metadata").path("name").asText(), withoutStatus(crd));
        }
        JsonNode spec = crd.path("spec");
        for (JsonNode version : spec.path("versions")) {
            JsonNode schema = version.path("schema").path("openAPIV3Schema").deepCopy();
            strict(schema);
            schemas.put(spec.path("group").asText() + "/" + version.path("name").asText() + "/"
                    + spec.path("names").path("kind").asText(), schema);
        }
    }

    /** Fields GKE documents beyond a public CRD, added where the overlay says (and made strict like the rest). */
    private void addFields(JsonNode overlay) {
        String key = overlay.path("apiVersion").asText() + "/" + overlay.path("kind").asText();
        JsonNode target = schemas.get(key);
        for (JsonNode step : overlay.path("addTo")) {
            target = target.path(step.asText());
        }
        if (!(target instanceof ObjectNode properties)) {
            throw new IllegalStateException("overlay for " + key + ": no object at " + overlay.path("addTo"));
        }
        overlay.path("properties").fields().forEachRemaining(field -> {
            JsonNode schema = field.getValue().deepCopy();
            strict(schema);
            properties.set(field.getKey(), schema);
        });
    }

    private Schema schema(String key) {
        return compiled.computeIfAbsent(key, k -> registry.getSchema(schemas.get(k)));
    }

    private Schema compiledMeta() {
        return compiled.computeIfAbsent(OBJECT_META, k -> registry.getSchema(objectMeta));
    }

    private static void report(List<Error> errors, String prefix, List<String> problems) {
        errors.stream().filter(e -> !isTerraformExpression(e.getInstanceNode()))
                .forEach(e -> problems.add(prefix + e));
    }

    /**
     * Rejects undeclared fields of every object schema that declares its properties, recursively through
     * properties, items and additionalProperties. Not inside allOf/anyOf/oneOf: there, as in a structural CRD
     * schema, properties only constrain values of fields the object schema declares.
     */
    private static void strict(JsonNode schema) {
        if (!(schema instanceof ObjectNode node)) {
            return;
        }
        boolean preserves = node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        if (node.has("properties") && !node.has("additionalProperties") && !preserves) {
            node.set("additionalProperties", BooleanNode.FALSE);
        }
        node.path("properties").forEach(ManifestSchemas::strict);
        strict(node.path("items"));
        strict(node.path("additionalProperties"));
    }

    private static boolean isTerraformExpression(JsonNode value) {
        return value != null && value.isTextual() && value.asText().contains("${");
    }

    private static JsonNode withoutStatus(JsonNode crd) {
        ObjectNode copy = crd.deepCopy();
        copy.remove("status");
        return copy;
    }

    private static List<Path> files() {
        try (Stream<Path> walk = Files.walk(Path.of(ManifestSchemas.class.getResource("/schemas").toURI()))) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + file, e);
        }
    }
}
