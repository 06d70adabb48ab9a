package dev.gkeinference.app.review;

import static dev.gkeinference.app.review.SynthFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A changed list of scalars (container args) is reviewed element by element, not as two cut-off values. */
class ListChangesReviewTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARGS = "'--model=/data/gemma-3-27b-it','--served-model-name=google/gemma-3-27b-it',"
            + "'--max-model-len=8192','--tensor-parallel-size=4','--gpu-memory-utilization=0.95','--port=8000'";

    @TempDir
    Path tmp;

    private static String deployment(String args) {
        return json("{'kubernetes_manifest':{'model-server':{'manifest':{'apiVersion':'apps/v1','kind':'Deployment',"
                + "'metadata':{'name':'vllm-gemma3','namespace':'inference'},'spec':{'template':{'spec':{"
                + "'containers':[{'name':'vllm','args':[" + args + "]}]}}}}}}}");
    }

    private String review(String before, String after) {
        SynthFixture base = new SynthFixture(tmp.resolve("base")).stack("workload-us-east5", deployment(before));
        SynthFixture head = new SynthFixture(tmp.resolve("head")).stack("workload-us-east5", deployment(after));
        return MarkdownWriter.render(ReviewReport.compare(SynthesizedOutput.load(base.dir()),
                SynthesizedOutput.load(head.dir()), ReplacementRules.standard()), false);
    }

    @Test
    void aChangedFlagInALongArgumentListShowsAsThatFlag() {
        String markdown = review(ARGS, ARGS.replace("tensor-parallel-size=4", "tensor-parallel-size=8"));

        assertTrue(markdown.contains("  - `manifest.spec.template.spec.containers[0].args`: list changes\n"
                + "    - `[3]`: `\"--tensor-parallel-size=4\"` → `\"--tensor-parallel-size=8\"`\n"), markdown);
        assertFalse(markdown.contains("--model=/data"), "unchanged elements are left out: " + markdown);
    }

    @Test
    void addedAndRemovedFlagsAreNamedWithoutRepeatingTheRest() {
        String markdown = review(ARGS, ARGS.replace("'--max-model-len=8192',", "") + ",'--enable-prefix-caching'");

        assertTrue(markdown.contains("    - `[5]`: (absent) → `\"--enable-prefix-caching\"`\n"), markdown);
        assertTrue(markdown.contains("    - `[2]`: `\"--max-model-len=8192\"` → (absent)\n"), markdown);
        assertFalse(markdown.contains("--port=8000"), markdown);
    }

    @Test
    void elementsAlignOnWhatBothListsShare() throws Exception {
        assertEquals(List.of(), changes("['a','b','c']", "['a','b','c']"));
        assertEquals(List.of("[1] \"b\" -> \"x\""), changes("['a','b','c']", "['a','x','c']"));
        assertEquals(List.of("[1] null -> \"x\""), changes("['a','c']", "['a','x','c']"));
        assertEquals(List.of("[0] \"a\" -> null"), changes("['a','b']", "['b']"));
        assertEquals(List.of("[0] \"z\" -> \"y\"", "[1] null -> \"x\""), changes("['z','c']", "['y','x','c']"));
        assertEquals(List.of("[0] null -> \"a\"", "[1] null -> \"b\""), changes("[]", "['a','b']"));
    }

    private static List<String> changes(String before, String after) throws Exception {
        JsonNode a = JSON.readTree(json(before));
        JsonNode b = JSON.readTree(json(after));
        return ListElementChanges.of(a, b).stream()
                .map(e -> "[" + e.index() + "] " + e.before() + " -> " + e.after()).toList();
    }
}
