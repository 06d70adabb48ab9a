package dev.gkeinference.stacks.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gkeinference.stacks.config.yaml.RecordBinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading YAML strictly: every key known, every value of its declared type, no YAML feature a config does not use. */
class DeploymentConfigLoaderTest {

    /** The problems of the reference with one text replaced. */
    private static List<String> problemsWith(String from, String to) {
        return ConfigFixtures.problems(ConfigFixtures.referenceWith(from, to));
    }

    /** The 1-based line of the first line of the reference containing {@code text}. */
    private static int line(String text) {
        List<String> lines = ConfigFixtures.reference().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text);
    }

    @Test
    void everyConfigRecordHasTypesTheLoaderReads() {
        RecordBinder.requireSupported(DeploymentConfig.class);
    }

    @Test
    void referenceReadsAsWritten() {
        DeploymentConfig config = DeploymentConfigLoader.reference();
        assertEquals("replace-with-your-project", config.project());
        assertEquals("ct6e-standard-4t", config.regions().get(0).tpu().machineType());
        assertEquals(Boolean.TRUE, config.regions().get(0).configCluster());
        assertEquals(null, config.regions().get(1).configCluster(), "left out: null until the plan defaults it");
        assertEquals(8896, config.network().mtu());
        assertEquals(null, config.model().servingArgs(), "left out: no extra vLLM flags");
        assertEquals(8192, config.serving().modelServer().maxModelLen());
    }

    @Test
    void loadsAFileFromDisk(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("deployment.yaml");
        Files.writeString(file, ConfigFixtures.referenceWith("project: replace-with-your-project",
                "project: acme-prod"));
        assertEquals("acme-prod", DeploymentConfigLoader.load(file).project());
    }

    @Test
    void missingFileIsAClearError(@TempDir Path dir) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> DeploymentConfigLoader.load(dir.resolve("nope.yaml")));
        assertEquals(List.of("(file): not found"), e.problems());
        assertTrue(e.source().endsWith("nope.yaml"));
    }

    @Test
    void unknownKeyNamesItsPathAndTheAllowedKeys() {
        assertEquals(List.of("regions[0].tpu.topolgy: unknown key (line " + line("topology: 2x2") + "): allowed keys"
                + " here are autoscaling, bootDiskSizeGb, capacity, machineType, nodeCount, reservation, topology"),
                problemsWith("topology: 2x2", "topolgy: 2x2"));
    }

    @Test
    void wrongTypesNameThePathTheValueAndTheType() {
        assertEquals(List.of("regions[0].tpu.nodeCount: 'one' is not a whole number (line " + line("nodeCount: 1")
                + ")"), problemsWith("nodeCount: 1", "nodeCount: one"));
        String weights = "  weightsPath: gemma-3-27b-it\n";
        assertEquals(List.of("model.servingArgs: '--max-num-seqs=128' is not a list (line "
                + (line("weightsPath:") + 1) + ")"), problemsWith(weights, weights + "  servingArgs: --max-num-seqs=128\n"));
        assertEquals(List.of("network: a list is not a mapping of keys to values (line " + (line("network:") + 1)
                + ")"), problemsWith("network:\n  name: inference-vpc\n  mtu: 8896", "network:\n  - inference-vpc"));
    }

    @Test
    void noScalarIsCoercedIntoAnotherType() {
        assertEquals(List.of("network.mtu: '8896' (quoted) is not a whole number (line " + line("mtu:")
                + "): remove the quotes"), problemsWith("mtu: 8896", "mtu: \"8896\""));
        assertEquals(List.of("project: '123456' is not text (line 5): quote it to make it text"),
                problemsWith("project: replace-with-your-project", "project: 123456"));
        assertEquals(List.of("serving.gateway.backendPolicy.maxUtilizationPercent: '60.5' is not a whole number"
                + " (line " + line("maxUtilizationPercent") + ")"),
                problemsWith("maxUtilizationPercent: 60", "maxUtilizationPercent: 60.5"));
        assertEquals(List.of("cluster.deletionProtection: 'yes' is not true or false (line "
                + line("deletionProtection") + ")"),
                problemsWith("deletionProtection: true", "deletionProtection: yes"));
        assertEquals(List.of("cluster.deletionProtection: 'true' (quoted) is not true or false (line "
                + line("deletionProtection") + "): remove the quotes"),
                problemsWith("deletionProtection: true", "deletionProtection: 'true'"));
        assertEquals(List.of("regions[0].tpu.nodeCount: '99999999999' is out of range (line " + line("nodeCount")
                + "): allowed are -2147483648 to 2147483647"), problemsWith("nodeCount: 1", "nodeCount: 99999999999"));
    }

    @Test
    void everyTypeProblemIsReportedAtOnce() {
        String yaml = ConfigFixtures.referenceWith("nodeCount: 1", "nodeCount: one").replace("mtu: 8896", "mtu: x")
                .replace("topology: 2x2", "topolgy: 2x2");
        assertEquals(4, ConfigFixtures.problems(yaml).size(), ConfigFixtures.problems(yaml).toString());
    }

    @Test
    void nullLeavesAKeyOutButNotAListElement() {
        assertEquals(List.of(), problemsWith("  location: US", "  location: null"));
        String weights = "  weightsPath: gemma-3-27b-it\n";
        assertEquals(List.of("model.servingArgs[0]: null is not allowed here (line " + (line("weightsPath:") + 2)
                + "): give a value or remove it"), problemsWith(weights, weights + "  servingArgs:\n    - ~\n"));
    }

    @Test
    void anchorsAliasesAndTagsAreRefused() {
        assertEquals(List.of("labels: the anchor &common is not supported (line " + line("labels:") + "): anchors and"
                + " aliases are not, write the value out", "regions[0].zone: the alias *zone is not supported (line "
                + line("zone: europe-west4-a") + "): anchors and aliases are not, write the value out"),
                ConfigFixtures.problems(ConfigFixtures.reference().replace("labels:", "labels: &common")
                        .replace("zone: europe-west4-a", "zone: *zone")));
        assertEquals(List.of("project: the tag tag:yaml.org,2002:str is not supported (line 5): write the plain value,"
                + " quoted if it is text"),
                problemsWith("project: replace-with-your-project", "project: !!str acme-prod"));
    }

    @Test
    void anAliasBombCostsNothing() {
        StringBuilder yaml = new StringBuilder("project: acme-prod\nlabels:\n  a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 30; i++) {
            yaml.append("  a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
                    .append(i - 1).append(", *a").append(i - 1).append("]\n");
        }
        List<String> problems = ConfigFixtures.problems(yaml.toString());
        assertTrue(problems.get(0).startsWith("labels.a0: the anchor &a0 is not supported"), problems.toString());
    }

    @Test
    void duplicateKeysDocumentsAndDeepNestingAreRefused() {
        assertEquals(List.of("regions[0].tpu.topology: appears twice in one mapping (lines " + line("topology: 2x2")
                + " and " + (line("topology: 2x2") + 1) + "): a key is set once"),
                problemsWith("topology: 2x2", "topology: 2x2\n      topology: 2x4"));
        assertTrue(ConfigFixtures.problems(ConfigFixtures.reference() + "---\nproject: other\n").get(0)
                .contains("more than one YAML document"));
        String deep = "labels: " + "[".repeat(100) + "]".repeat(100) + "\n";
        assertTrue(ConfigFixtures.problems(deep).get(0).contains("is nested deeper than 16 levels"),
                ConfigFixtures.problems(deep).toString());
    }

    @Test
    void brokenAndEmptyYamlIsReported() {
        List<String> problems = ConfigFixtures.problems("regions: [\n");
        assertTrue(problems.get(0).contains(": not valid YAML: "), problems.get(0));
        assertEquals(List.of("(file): is empty: a deployment config is a mapping of keys such as project and regions"),
                ConfigFixtures.problems("# only a comment\n"));
        assertEquals(List.of("(top level): 'just text' is not a mapping of keys to values (line 1)"),
                ConfigFixtures.problems("just text\n"));
    }

    @Test
    void hostileTextIsPrintedEscapedAndShort() {
        List<String> problems = problemsWith("name: inference\n", "name: \"evil\\e[31m\\n" + "x".repeat(500) + "\"\n");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("name: 'evil\\u001b[31m\\nxxx"), problems.get(0));
        assertTrue(problems.get(0).length() < 300, problems.get(0));
    }

    @Test
    void aLineSeparatorInBrokenYamlIsPrintedEscaped() {
        List<String> problems = ConfigFixtures.problems("name: &\u2028 x\n");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("name: not valid YAML: "), problems.get(0));
        assertTrue(problems.get(0).contains("\\u2028") && !problems.get(0).contains("\u2028"), problems.get(0));
    }

    @Test
    void yamlInfinityAndNanInAnySpellingAreNumbersTheRulesReject() {
        for (String value : List.of(".nan", ".NaN", ".NAN", ".inf", "-.Inf", "+.INF")) {
            List<String> problems = problemsWith("gpuMemoryUtilization: 0.95", "gpuMemoryUtilization: " + value);
            assertEquals(1, problems.size(), value + ": " + problems);
            assertTrue(problems.get(0).startsWith("serving.modelServer.gpuMemoryUtilization: "), problems.get(0));
        }
    }
}
