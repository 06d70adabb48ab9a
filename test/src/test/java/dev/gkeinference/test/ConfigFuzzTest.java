package dev.gkeinference.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gkeinference.constructs.testing.Scratch;
import dev.gkeinference.stacks.config.DeploymentConfigLoader;
import dev.gkeinference.stacks.config.InvalidConfigException;
import dev.gkeinference.stacks.plan.DeploymentResolver;
import dev.gkeinference.stacks.plan.ResolveOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Thousands of broken configs through the app's entry point ({@code Main.run}, as {@code cdktf synth} runs it):
 * the reference (and the deployment into existing infrastructure) with one value replaced by any type, hostile text or raw YAML (anchors, aliases, tags, deep
 * nesting, huge numbers), a key removed, misspelt or added; arbitrary YAML documents; arbitrary text. A config the
 * config layer rejects exits 2, names a key for every problem, prints no stack trace and no terminal escape, and
 * writes nothing; one it accepts is a plan, never a crash. Rejected configs never reach synthesis, so no case
 * starts the jsii kernel; the few mutations that leave a valid config are only resolved, not synthesized.
 */
class ConfigFuzzTest {
    private static final String REFERENCE = DeploymentConfigLoader.referenceYaml();
    private static final Map<String, Object> TREE = ConfigMutation.tree(REFERENCE);
    private static final List<List<Object>> PATHS = ConfigMutation.paths(TREE);
    /** A deployment into an existing VPC, subnets, cluster and bucket: the keys the reference does not use. */
    private static final Map<String, Object> EXISTING_TREE = ConfigMutation.tree(readExistingInfrastructure());
    private static final List<List<Object>> EXISTING_PATHS = ConfigMutation.paths(EXISTING_TREE);
    private static final Path DIR = Scratch.newDirectory("config-fuzz-");
    /** A problem line: {@code <key path>: <message>}; the path has no spaces unless it quotes a hostile key. */
    private static final java.util.regex.Pattern PROBLEM = java.util.regex.Pattern.compile("  - (\\S.*?): .+");

    @AfterContainer
    static void cleanUp() {
        Scratch.deleteRecursively(DIR);
    }

    @Property(tries = 500)
    void aMutatedReferenceIsRejectedWithItsKeyOrIsAPlan(@ForAll("mutations") ConfigMutation mutation) {
        rejectedWithItsKeyOrAPlan(mutation, TREE);
    }

    @Property(tries = 200)
    void aMutatedDeploymentIntoExistingInfrastructureIsRejectedWithItsKeyOrIsAPlan(
            @ForAll("existingInfrastructureMutations") ConfigMutation mutation) {
        rejectedWithItsKeyOrAPlan(mutation, EXISTING_TREE);
    }

    private static void rejectedWithItsKeyOrAPlan(ConfigMutation mutation, Map<String, Object> tree) {
        Optional<String> written = mutation.applyTo(tree);
        Assume.that(written.isPresent()); // the generator's own YAML writer refuses a few keys
        Statistics.label("mutation").collect(mutation.kind());
        String yaml = encodable(written.get());
        if (resolves(yaml)) {
            Statistics.label("outcome").collect("valid");
            return;
        }
        Statistics.label("outcome").collect("rejected");
        // most mutations must break the config, or the property says little
        Statistics.label("outcome").coverage(check -> check.check("rejected").percentage(p -> p > 60));
        List<String> problems = rejectedThroughMain(yaml);
        if (mutation.kind() != ConfigMutation.Kind.RAW) { // raw YAML may break the syntax further down the file
            assertTrue(problems.stream().anyMatch(mutation::isNamedBy),
                    "a problem names '" + mutation.path() + "' or a key above it: " + problems);
        }
    }

    private static String readExistingInfrastructure() {
        try {
            return java.nio.file.Files.readString(Synthesis.deployment("existing-infrastructure.yaml"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Property(tries = 150)
    void anyYamlDocumentIsRejectedCleanly(@ForAll("documents") Object document) {
        Optional<String> written = ConfigMutation.yaml(document);
        Assume.that(written.isPresent());
        String yaml = encodable(written.get());
        if (!resolves(yaml)) {
            rejectedThroughMain(yaml);
        }
    }

    @Property(tries = 150)
    void anyTextIsRejectedCleanly(@ForAll("texts") String anyText) {
        String text = encodable(anyText);
        if (!resolves(text)) {
            rejectedThroughMain(text);
        }
    }

    /** The text as a UTF-8 file holds it (an unpaired surrogate cannot be written). */
    private static String encodable(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /** Whether the config layer accepts the text; anything but a plan or a config error fails the property. */
    private static boolean resolves(String yaml) {
        try {
            DeploymentResolver.resolve(DeploymentConfigLoader.parse(yaml, "fuzz.yaml"),
                    ResolveOptions.NONE.withPickerJar(Synthesis.PICKER_JAR).requiringPickerJar(), "fuzz.yaml");
            return true;
        } catch (InvalidConfigException e) {
            return false;
        }
    }

    /** Runs {@code synth} on the text as a file: exit 2, clean problem lines (returned), nothing written. */
    private static List<String> rejectedThroughMain(String yaml) {
        Path run = Scratch.newDirectory("run-");
        Path config = write(run.resolve("deployment.yaml"), yaml);
        Path out = run.resolve("cdktf.out");
        Synthesis result = Synthesis.run(out, Map.of(), "synth", "--config", config.toString(), "--out",
                out.toString(), "--picker-jar", Synthesis.PICKER_JAR);
        List<String> lines = result.err().lines().toList();
        assertEquals(2, result.exitCode(), result.err());
        assertEquals("error: invalid deployment config (" + config + "):", lines.get(0), result.err());
        assertTrue(lines.size() > 1, result.err());
        lines.subList(1, lines.size()).forEach(line -> assertTrue(PROBLEM.matcher(line).matches(),
                "a key path, then the problem: " + line));
        assertFalse(result.err().contains("Exception") || result.err().contains("\tat "), result.err());
        assertFalse(result.err().chars().anyMatch(c -> c < 0x20 && c != '\n'),
                "no control characters: " + result.err());
        assertEquals("", result.out());
        assertEquals(List.of(config), files(run), "nothing written beside the config");
        Scratch.deleteRecursively(run);
        return lines.subList(1, lines.size()).stream().map(l -> l.substring(4)).toList();
    }

    @Provide
    Arbitrary<ConfigMutation> mutations() {
        return mutationsAt(PATHS);
    }

    @Provide
    Arbitrary<ConfigMutation> existingInfrastructureMutations() {
        return mutationsAt(EXISTING_PATHS);
    }

    private Arbitrary<ConfigMutation> mutationsAt(List<List<Object>> paths) {
        Arbitrary<List<Object>> path = Arbitraries.of(paths);
        return Arbitraries.frequencyOf(
                Tuple.of(40, Combinators.combine(path, values())
                        .as((p, v) -> new ConfigMutation(p, ConfigMutation.Kind.REPLACE, v))),
                Tuple.of(20, Combinators.combine(path, rawYaml())
                        .as((p, v) -> new ConfigMutation(p, ConfigMutation.Kind.RAW, v))),
                Tuple.of(15, path.map(p -> new ConfigMutation(p, ConfigMutation.Kind.REMOVE, null))),
                Tuple.of(10, Combinators.combine(path.filter(p -> p.get(p.size() - 1) instanceof String), keys())
                        .as((p, k) -> new ConfigMutation(p, ConfigMutation.Kind.RENAME, k))),
                Tuple.of(15, Combinators.combine(path, values())
                        .as((p, v) -> new ConfigMutation(p, ConfigMutation.Kind.ADD_KEY, v))));
    }

    /** Values of every YAML type, at their edges, and hostile text. */
    private static Arbitrary<Object> values() {
        return Arbitraries.oneOf(
                Arbitraries.integers().edgeCases(e -> e.includeOnly(0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE))
                        .map(i -> (Object) i),
                Arbitraries.longs().greaterOrEqual(1L << 31).map(l -> (Object) l),
                Arbitraries.of(3.5, -0.5, 1e300, Double.NaN, Double.POSITIVE_INFINITY, 60.0).map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                hostileText().map(s -> (Object) s),
                hostileText().list().ofMaxSize(3).map(l -> (Object) l),
                Arbitraries.maps(keys(), hostileText()).ofMaxSize(3).map(m -> (Object) m))
                .injectNull(0.05);
    }

    private static Arbitrary<String> hostileText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withCharRange('a', 'z').withChars('-', '.', '/', '_', ':').ofMaxLength(70),
                Arbitraries.of("", " ", "\u001b[31mred\u001b[0m", "a\nb", "\r\n", "\u202eevil", "../../etc/passwd",
                        "${jndi:ldap://example.invalid/x}", "$(rm -rf /)", "yes", "no", "on", "~", "null", "0x1F",
                        "1e3", "2001-12-14", "!!str", "*alias", "&anchor", "[", "{", "- item", "key: value",
                        "#comment", "latest", "vllm/vllm-tpu:latest", "10.0.0.0/8", "0.0.0.0/0", "goog-bucket",
                        "a..b", "x".repeat(5000), "ct6e-standard-4t", "4x4", "europe-west4", "us-east5-b"));
    }

    private static Arbitrary<String> keys() {
        return Arbitraries.oneOf(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(12));
    }

    /** YAML written as is where a value goes: anchors, aliases, tags, nesting, broken syntax. */
    private static Arbitrary<ConfigMutation.Raw> rawYaml() {
        return Arbitraries.oneOf(
                Arbitraries.of("&a [1, 2]", "*undefined", "&x value", "!!binary aGVsbG8=", "!custom value", "!!int 3",
                        "!!str 5", "!!map {}", "!!set {a, b}", "{a: 1, a: 2}", "{[1, 2]: x}", "? complex", "[*a, *a]",
                        "\"unterminated", "'unterminated", "@reserved", "`backtick", "%TAG ! x", "--- doc", "...",
                        "{", "]", "- - -", "|", ">", "\"\\xZZ\"", "[a, b", "{a: [b, {c: d}]}", "0o17", "0x1F",
                        "99999999999999999999999999999999", "-99999999999999999999", "1_000", "12:30:00", ".inf",
                        "\"\\u001b[2J\"", "!!null ''", "&a {b: *a}", "<<: {a: 1}"),
                Arbitraries.integers().between(17, 400).map(n -> "[".repeat(n) + "]".repeat(n)),
                Arbitraries.integers().between(17, 200).map(n -> "{a: ".repeat(n) + "x" + "}".repeat(n)),
                Arbitraries.integers().between(1, 12).map(ConfigFuzzTest::aliasBomb))
                .map(ConfigMutation.Raw::new);
    }

    /** Each level refers to the one below ten times: expanded, 10^n values. */
    private static String aliasBomb(int levels) {
        StringBuilder yaml = new StringBuilder("[&l0 [x, x, x, x, x, x, x, x, x, x]");
        for (int i = 1; i <= levels; i++) {
            yaml.append(", &l").append(i).append(" [").append(String.join(", ",
                    java.util.Collections.nCopies(10, "*l" + (i - 1)))).append("]");
        }
        return yaml.append("]").toString();
    }

    @Provide
    Arbitrary<Object> documents() {
        Arbitrary<Object> leaf = Arbitraries.oneOf(values(), Arbitraries.of("project", "regions", "serving", "tpu"));
        return Arbitraries.recursive(() -> leaf, node -> Arbitraries.oneOf(
                Arbitraries.maps(Arbitraries.oneOf(keys(), Arbitraries.of("project", "name", "regions", "model",
                        "serving", "cluster", "network", "bucket", "labels")), node).ofMaxSize(4).map(m -> (Object) m),
                node.list().ofMaxSize(4).map(l -> (Object) l)), 0, 5);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(200),
                Arbitraries.integers().between(0, REFERENCE.length()).map(n -> REFERENCE.substring(0, n)),
                Combinators.combine(Arbitraries.integers().between(0, REFERENCE.length()),
                        Arbitraries.strings().all().ofMaxLength(20))
                        .as((n, junk) -> REFERENCE.substring(0, n) + junk + REFERENCE.substring(n)));
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !p.equals(dir)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
