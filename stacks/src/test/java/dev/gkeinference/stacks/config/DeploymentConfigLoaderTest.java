package dev.gkeinference.stacks.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentConfigLoaderTest {

    @Test
    void referenceDeploymentIsValidAndHasTheDocumentedShape() {
        DeploymentConfig config = DeploymentConfigLoader.reference();
        assertEquals(List.of(), ConfigValidator.validate(config));
        assertEquals(List.of("europe-west4", "us-east5"), config.regions().stream().map(RegionConfig::region).toList());
        assertEquals("europe-west4", config.configRegion().region());
        assertEquals("ct6e-standard-4t", config.regions().get(0).tpu().machineType());
        assertEquals("2x2", config.regions().get(1).tpu().topology());
        assertEquals("replace-with-your-project-inference-weights", config.bucketName());
        assertEquals("inference-europe-west4", config.clusterName(config.regions().get(0)));
        assertEquals("inference-eu-west4-nodes", config.nodeServiceAccountId(config.regions().get(0)));
    }

    @Test
    void derivedDefaultsFollowAProjectOverride() {
        DeploymentConfig config = DeploymentConfigLoader.reference().withProject("acme-prod");
        assertEquals("acme-prod-inference-weights", config.bucketName());
    }

    @Test
    void loadsAFileFromDisk(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("deployment.yaml");
        Files.writeString(file, ConfigFixtures.referenceWith("project: replace-with-your-project", "project: acme-prod"));
        assertEquals("acme-prod", DeploymentConfigLoader.load(file).project());
    }

    @Test
    void missingFileIsAClearError(@TempDir Path dir) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> DeploymentConfigLoader.load(dir.resolve("nope.yaml")));
        assertEquals(List.of("file not found"), e.problems());
        assertTrue(e.source().endsWith("nope.yaml"));
    }

    @Test
    void unknownKeyNamesItsPathAndTheAllowedKeys() {
        List<String> problems = ConfigFixtures.problems(ConfigFixtures.referenceWith("topology: 2x2", "topolgy: 2x2"));
        assertEquals(List.of("unknown key 'regions[0].tpu.topolgy': allowed keys here are autoscaling,"
                + " bootDiskSizeGb, capacity, machineType, nodeCount, reservation, topology"), problems);
    }

    @Test
    void wrongTypeNamesItsPathAndTheExpectedType() {
        List<String> problems = ConfigFixtures.problems(ConfigFixtures.referenceWith("nodeCount: 1", "nodeCount: one"));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("'regions[0].tpu.nodeCount' must be a whole number"), problems.get(0));

        String weights = "  weightsPath: gemma-3-27b-it\n";
        List<String> listProblem = ConfigFixtures.problems(ConfigFixtures.referenceWith(weights,
                weights + "  servingArgs: --max-num-seqs=128\n"));
        assertTrue(listProblem.get(0).startsWith("'model.servingArgs' must be a list"), listProblem.get(0));
    }

    @Test
    void quotedNumbersAreNotSilentlyCoerced() {
        List<String> problems = ConfigFixtures.problems(ConfigFixtures.referenceWith("mtu: 8896", "mtu: \"8896\""));
        assertTrue(problems.get(0).startsWith("'network.mtu' must be a whole number"), problems.get(0));
    }

    @Test
    void brokenYamlIsReported() {
        List<String> problems = ConfigFixtures.problems("regions: [\n");
        assertTrue(problems.get(0).startsWith("not valid YAML"), problems.get(0));
    }
}
