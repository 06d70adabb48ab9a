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

/** The whole reference synthesis against golden files: every stack's Terraform JSON, and the addresses. */
class GoldenSynthesisTest {
    private static final JsonMapper SORTED = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    @TempDir
    static Path outdir;
    private static Synthesis synthesis;

    @BeforeAll
    static void synthesize() {
        synthesis = Synthesis.reference(outdir);
    }

    @Test
    void manifestMatches() {
        GoldenFiles.assertMatches("manifest.json", sorted(synthesis.manifest()));
    }

    @Test
    void everyStackMatches() {
        for (String stack : synthesis.stackNames()) {
            GoldenFiles.assertMatches("stacks/" + stack + ".tf.json",
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
        GoldenFiles.assertMatches("addresses.txt", String.join("\n", addresses) + "\n");
    }

    @Test
    void theOutputHoldsOnlyTheManifestAndTheStacks() {
        for (Path file : synthesis.files()) {
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
