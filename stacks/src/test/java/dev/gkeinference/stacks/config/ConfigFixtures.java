package dev.gkeinference.stacks.config;

import dev.gkeinference.constructs.testing.FakeJar;
import dev.gkeinference.stacks.plan.DeploymentPlan;
import dev.gkeinference.stacks.plan.DeploymentResolver;
import dev.gkeinference.stacks.plan.ResolveOptions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** YAML documents for config tests: the reference deployment with one line changed, and what resolving them gives. */
public final class ConfigFixtures {
    /** The project tests synthesize for, so outputs do not depend on the placeholder. */
    public static final String PROJECT = "acme-inference-prod";

    private ConfigFixtures() {
    }

    public static String reference() {
        return DeploymentConfigLoader.referenceYaml();
    }

    /** The reference with the first occurrence of {@code from} replaced; fails if it does not occur. */
    public static String referenceWith(String from, String to) {
        String yaml = reference();
        if (!yaml.contains(from)) {
            throw new AssertionError("fixture text not found: " + from);
        }
        return yaml.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to));
    }

    /** The problems a YAML document has, whether found while reading or while resolving it. */
    public static List<String> problems(String yaml) {
        try {
            DeploymentResolver.resolve(DeploymentConfigLoader.parse(yaml, "test.yaml"), ResolveOptions.NONE,
                    "test.yaml");
            return List.of();
        } catch (InvalidConfigException e) {
            return e.problems();
        }
    }

    /** The plan of a YAML document for synthesis, in {@link #PROJECT}, its bundled picker jar a {@link FakeJar}. */
    public static DeploymentPlan plan(String yaml) {
        return plan(yaml, FakeJar.path());
    }

    /** The plan of a YAML document for synthesis, in {@link #PROJECT}, with this picker jar. */
    public static DeploymentPlan plan(String yaml, String pickerJar) {
        return DeploymentResolver.resolve(DeploymentConfigLoader.parse(yaml, "test.yaml"),
                ResolveOptions.NONE.withProject(PROJECT).withPickerJar(pickerJar).requiringPickerJar(),
                "test.yaml");
    }

    /** The reference deployment's plan for synthesis. */
    public static DeploymentPlan referencePlan() {
        return plan(reference());
    }
}
