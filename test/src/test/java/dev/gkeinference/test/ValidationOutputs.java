package dev.gkeinference.test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gkeinference.stacks.config.DeploymentConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the validators check: the reference deployment and a 3-region variant of it (the reference config plus
 * us-central1), each synthesized once per test JVM and shared by the validator tests. The variant is derived from
 * the reference config at run time, so it follows every change to the reference.
 */
final class ValidationOutputs {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static Path root;
    private static Path reference;
    private static Path threeRegions;

    private ValidationOutputs() {
    }

    static synchronized Path reference() {
        if (reference == null) {
            reference = Synthesis.reference(root().resolve("reference")).outdir();
        }
        return reference;
    }

    static synchronized Path threeRegions() {
        if (threeRegions == null) {
            Path out = root().resolve("three-regions");
            Path config = writeThreeRegionConfig(root().resolve("three-regions.yaml"));
            Synthesis synthesis = Synthesis.run(out, Map.of(), "synth", "--config", config.toString(),
                    "--project", Synthesis.PROJECT, "--out", out.toString(), "--picker-jar", Synthesis.PICKER_JAR);
            if (synthesis.exitCode() != 0) {
                throw new AssertionError("synthesis of the 3-region variant failed: " + synthesis.err());
            }
            threeRegions = out;
        }
        return threeRegions;
    }

    /** The directory holding every output, to scan all of them at once. */
    static synchronized Path all() {
        return root();
    }

    /** A scratch directory for other outputs, deleted with the rest when the JVM exits. */
    static synchronized Path scratch(String name) {
        return root().resolve(name);
    }

    /** The reference config with a third region: a copy of its last region in us-central1, own address ranges. */
    private static Path writeThreeRegionConfig(Path file) {
        try (InputStream in = DeploymentConfigLoader.class.getResourceAsStream("reference-deployment.yaml")) {
            ObjectNode config = (ObjectNode) YAML.readTree(in);
            ArrayNode regions = (ArrayNode) config.get("regions");
            ObjectNode third = regions.get(regions.size() - 1).deepCopy();
            third.remove("configCluster");
            third.put("region", "us-central1").put("zone", "us-central1-b");
            third.putObject("cidrs").put("nodes", "10.0.32.0/20").put("pods", "10.72.0.0/14")
                    .put("services", "10.1.32.0/20").put("proxyOnly", "10.2.4.0/23");
            regions.add(third);
            YAML.writeValue(file.toFile(), config);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path root() {
        if (root == null) {
            try {
                root = Files.createTempDirectory("gke-inference-validation");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path dir = root;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        }
        return root;
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at exit: the directory is under the system temp directory
        }
    }
}
