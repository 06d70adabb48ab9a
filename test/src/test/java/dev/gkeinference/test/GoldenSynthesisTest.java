package dev.gkeinference.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole syntheses against golden files: every stack's Terraform JSON, and the addresses. The reference deployment's
 * files are in {@code golden/}; a deployment into an existing VPC, subnets and cluster
 * ({@code deployments/existing-infrastructure.yaml}) has its own in {@code golden/existing-infrastructure/}.
 */
class GoldenSynthesisTest {
    private static final JsonMapper SORTED = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private static final String EXISTING = "existing-infrastructure/";

    @TempDir
    static Path outdir;
    private static Synthesis reference;
    private static Synthesis existing;

    @BeforeAll
    static void synthesize() {
        reference = Synthesis.reference(outdir.resolve("reference"));
        existing = Synthesis.ofConfig(outdir.resolve("existing"), "existing-infrastructure.yaml");
    }

    @Test
    void manifestMatches() {
        GoldenFiles.assertMatches("manifest.json", sorted(reference.manifest()));
        GoldenFiles.assertMatches(EXISTING + "manifest.json", sorted(existing.manifest()));
    }

    @Test
    void everyStackMatches() {
        everyStackMatches(reference, "");
    }

    @Test
    void everyStackOfADeploymentIntoExistingInfrastructureMatches() {
        everyStackMatches(existing, EXISTING);
    }

    private static void everyStackMatches(Synthesis synthesis, String folder) {
        for (String stack : synthesis.stackNames()) {
            GoldenFiles.assertMatches(folder + "stacks/" + stack + ".tf.json",
                    withoutPluginHashes(sorted(synthesis.stack(stack))));
        }
    }

    /**
     * The routing-plugin jar's hashes (in its object name and the asset folder) change with every change to the
     * plugin's code; {@code BundledPickerTest} checks them against the jar, the golden files show placeholders.
     */
    static String withoutPluginHashes(String json) {
        return json.replaceAll("routing-plugin-[0-9a-f]{16}\\.jar", "routing-plugin-<sha256-16>.jar")
                .replaceAll("(assets/[^/\"]+/)[0-9A-F]{32}/", "$1<content-hash>/");
    }

    /**
     * Terraform addresses come from construct ids: this list is what a rename would change. A missing line here
     * means Terraform would destroy that resource and create another.
     */
    @Test
    void terraformAddressesAreStable() {
        GoldenFiles.assertMatches("addresses.txt", addresses(reference));
        GoldenFiles.assertMatches(EXISTING + "addresses.txt", addresses(existing));
    }

    private static String addresses(Synthesis synthesis) {
        List<String> addresses = new ArrayList<>();
        for (String stack : synthesis.stackNames()) {
            JsonNode json = synthesis.stack(stack);
            for (String block : List.of("resource", "data")) {
                json.path(block).fields().forEachRemaining(type -> type.getValue().fieldNames().forEachRemaining(
                        name -> addresses.add(stack + ": " + (block.equals("data") ? "data." : "") + type.getKey()
                                + "." + name)));
            }
        }
        addresses.sort(String::compareTo);
        return String.join("\n", addresses) + "\n";
    }

    @Test
    void theOutputHoldsOnlyTheManifestAndTheStacks() {
        for (Path file : reference.files()) {
            String name = file.toString().replace('\\', '/');
            assertEquals(true, name.equals("manifest.json") || name.startsWith("stacks/") || name.startsWith("assets/"),
                    "unexpected file in the output: " + name);
        }
    }

    private static String sorted(JsonNode json) {
        try {
            Map<?, ?> asMap = SORTED.convertValue(json instanceof ObjectNode ? json : json, TreeMap.class);
            return SORTED.writeValueAsString(asMap) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
