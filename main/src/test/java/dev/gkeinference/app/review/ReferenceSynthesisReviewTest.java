package dev.gkeinference.app.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hashicorp.cdktf.App;
import dev.gkeinference.constructs.testing.TestApps;
import dev.gkeinference.stacks.InferenceDeployment;
import dev.gkeinference.stacks.config.DeploymentConfigLoader;
import dev.gkeinference.stacks.plan.DeploymentResolver;
import dev.gkeinference.stacks.plan.ResolveOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Review on real synthesized outputs of the reference deployment: every resource type the project emits has
 * replacement rules, and moving the TPU pools to 8-chip hosts is reported as the replacement it is.
 */
class ReferenceSynthesisReviewTest {
    private static SynthesizedOutput reference;
    private static SynthesizedOutput eightChipHosts;

    @BeforeAll
    static void synthesize() throws IOException {
        String yaml;
        try (InputStream in = DeploymentConfigLoader.class.getResourceAsStream("reference-deployment.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        reference = synth(yaml);
        eightChipHosts = synth(yaml.replace("machineType: ct6e-standard-4t\n      topology: 2x2",
                "machineType: ct6e-standard-8t\n      topology: 2x4"));
    }

    @Test
    void everyEmittedResourceTypeHasReplacementRules() {
        ReplacementRules rules = ReplacementRules.standard();
        TreeSet<String> unknown = new TreeSet<>();
        reference.stacks().values().forEach(stack -> stack.resources().keySet().stream()
                .map(SynthesizedStack::typeOf).filter(type -> !rules.knows(type)).forEach(unknown::add));
        assertEquals(new TreeSet<>(), unknown, "add these types to ReplacementRules");
    }

    @Test
    void theSameOutputHasNoChanges() {
        assertEquals(List.of(), ReviewReport.compare(reference, reference, ReplacementRules.standard()).changes());
    }

    @Test
    void largerTpuHostsReplaceTheNodePoolsInEveryRegion() {
        ReviewReport report = ReviewReport.compare(reference, eightChipHosts, ReplacementRules.standard());

        List<ResourceChange> pools = report.changes().stream()
                .filter(c -> c.type().equals("google_container_node_pool") && c.kind() == ChangeKind.REPLACE).toList();
        assertEquals(List.of("europe-west4", "us-east5"), pools.stream().map(ResourceChange::region).toList());
        ResourceChange pool = pools.get(0);
        assertEquals(Optional.of(Replacement.RECREATES_NODES), attribute(pool, "node_config.machine_type").replacement());
        assertTrue(pool.attributes().stream().noneMatch(a -> a.path().startsWith("placement_policy")),
                "both are single-host slices: neither has a placement policy");
        assertTrue(report.destructive().containsAll(pools));
        String markdown = MarkdownWriter.render(report, false);
        assertTrue(markdown.contains("- `europe-west4`: 1 replace"), markdown);
    }

    private static AttributeChange attribute(ResourceChange change, String path) {
        return change.attributes().stream().filter(a -> a.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError(path + " not among " + change.attributes()));
    }

    private static String upstreamPicker(String yaml) {
        String bundled = "    source: bundled\n    jar: routing-plugin/target/routing-plugin.jar\n"
                + "    jreImage: eclipse-temurin:17.0.13_11-jre\n";
        if (!yaml.contains(bundled)) {
            throw new AssertionError("the reference no longer bundles the picker as this test expects");
        }
        return yaml.replace(bundled, "    source: upstream\n");
    }

    private static SynthesizedOutput synth(String yaml) {
        App app = TestApps.app();
        // The upstream picker: the bundled one needs the routing-plugin jar, which is not built before this module
        InferenceDeployment.build(app, DeploymentResolver.resolve(
                DeploymentConfigLoader.parse(upstreamPicker(yaml), "test.yaml"), ResolveOptions.NONE, "test.yaml"));
        app.synth();
        return SynthesizedOutput.load(Path.of(app.getOutdir()));
    }
}
