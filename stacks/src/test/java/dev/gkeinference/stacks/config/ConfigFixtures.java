package dev.gkeinference.stacks.config;

/** YAML documents for config tests: the reference deployment with one line changed. */
final class ConfigFixtures {
    private ConfigFixtures() {
    }

    static String reference() {
        try (var in = DeploymentConfigLoader.class.getResourceAsStream("reference-deployment.yaml")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The reference with the first occurrence of {@code from} replaced; fails if it does not occur. */
    static String referenceWith(String from, String to) {
        String yaml = reference();
        if (!yaml.contains(from)) {
            throw new AssertionError("fixture text not found: " + from);
        }
        return yaml.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
    }

    /** The problems a YAML document has, whether found while parsing or while validating. */
    static java.util.List<String> problems(String yaml) {
        try {
            DeploymentConfigLoader.validated(DeploymentConfigLoader.parse(yaml, "test.yaml"), "test.yaml");
            return java.util.List.of();
        } catch (InvalidConfigException e) {
            return e.problems();
        }
    }
}
