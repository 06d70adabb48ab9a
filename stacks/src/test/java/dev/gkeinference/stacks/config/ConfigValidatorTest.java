package dev.gkeinference.stacks.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {

    private static List<String> problemsWith(String from, String to) {
        return ConfigFixtures.problems(ConfigFixtures.referenceWith(from, to));
    }

    @Test
    void topologyThatDoesNotExistForTheMachineType() {
        assertEquals(List.of("regions[0].tpu.topology: '2x4' does not exist for ct6e-standard-1t: allowed are 1x1"),
                problemsWith("machineType: ct6e-standard-4t\n      topology: 2x2",
                        "machineType: ct6e-standard-1t\n      topology: 2x4"));
        assertEquals(List.of("regions[0].tpu.topology: '3x3' does not exist for ct6e-standard-4t: allowed are 2x2,"
                + " 2x4, 4x4, 4x8, 8x8, 8x16, 16x16"), problemsWith("topology: 2x2", "topology: 3x3"));
    }

    @Test
    void multiHostSliceNeedsOneNodePerHost() {
        assertEquals(List.of("regions[0].tpu.nodeCount: '1' must be 4: a 4x4 slice of ct6e-standard-4t spans 4 hosts"),
                problemsWith("topology: 2x2", "topology: 4x4"));
    }

    @Test
    void unsupportedMachineType() {
        assertEquals(List.of("regions[0].tpu.machineType: 'ct5lp-hightpu-4t' is not supported: allowed are"
                + " ct6e-standard-1t, ct6e-standard-4t, ct6e-standard-8t"),
                problemsWith("machineType: ct6e-standard-4t", "machineType: ct5lp-hightpu-4t"));
    }

    @Test
    void zoneOutsideItsRegion() {
        assertEquals(List.of("regions[0].zone: 'us-east5-b' is not a zone in region europe-west4 (such as"
                + " europe-west4-a)"), problemsWith("zone: europe-west4-a", "zone: us-east5-b"));
    }

    @Test
    void overlappingCidrs() {
        assertEquals(List.of("regions[1].cidrs.nodes: '10.0.0.0/16' overlaps regions[0].cidrs.nodes '10.0.0.0/20':"
                + " every block of every region must be disjoint"),
                problemsWith("nodes: 10.0.16.0/20", "nodes: 10.0.0.0/16"));
    }

    @Test
    void malformedCidr() {
        assertEquals(List.of("regions[0].cidrs.proxyOnly: '10.2.0.1/23' has host bits set: did you mean 10.2.0.0/23?"),
                problemsWith("proxyOnly: 10.2.0.0/23", "proxyOnly: 10.2.0.1/23"));
    }

    @Test
    void duplicateRegion() {
        List<String> problems = problemsWith("region: us-east5\n    zone: us-east5-b",
                "region: europe-west4\n    zone: europe-west4-a");
        assertTrue(problems.contains("regions[1].region: 'europe-west4' appears twice: each region holds one cluster"),
                problems.toString());
    }

    @Test
    void exactlyOneConfigCluster() {
        assertEquals(List.of("regions[*].configCluster: '0 config clusters' - exactly one region must have"
                + " configCluster: true (the fleet's multi-cluster ingress config cluster)"),
                problemsWith("    configCluster: true\n", ""));
        assertEquals(List.of("regions[*].configCluster: '2 config clusters' - exactly one region must have"
                + " configCluster: true (the fleet's multi-cluster ingress config cluster)"),
                problemsWith("zone: us-east5-b", "zone: us-east5-b\n    configCluster: true"));
    }

    @Test
    void capacityAndReservationMustAgree() {
        assertEquals(List.of("regions[0].tpu.capacity: 'preemptible' is not a capacity: allowed are on-demand, spot,"
                + " reservation"), problemsWith("capacity: on-demand", "capacity: preemptible"));
        assertEquals(List.of("regions[0].tpu.reservation: missing - capacity 'reservation' needs the reservation name"),
                problemsWith("capacity: on-demand", "capacity: reservation"));
    }

    @Test
    void minimumVersionMustBeAGkeVersionOrPrefix() {
        assertEquals(List.of("cluster.minVersion: 'latest' is not a GKE version such as 1.34.1-gke.1829001 or a"
                + " prefix such as 1.36"), problemsWith("releaseChannel: REGULAR", "minVersion: latest"));
        assertEquals(List.of(), problemsWith("releaseChannel: REGULAR", "minVersion: '1.36'"));
        assertEquals(List.of(), problemsWith("releaseChannel: REGULAR", "minVersion: 1.35.1-gke.1396000"));
    }

    @Test
    void releaseChannelMustExist() {
        assertEquals(List.of("cluster.releaseChannel: 'FAST' is not a release channel: allowed are RAPID, REGULAR,"
                + " STABLE, EXTENDED"), problemsWith("releaseChannel: REGULAR", "releaseChannel: FAST"));
        assertEquals(List.of(), problemsWith("releaseChannel: REGULAR", "releaseChannel: RAPID"));
    }

    @Test
    void tpuBootDiskWithinHyperdiskBalancedLimits() {
        assertEquals(List.of("regions[0].tpu.bootDiskSizeGb: '5' is out of range: allowed are 10 to 65536 (GB)"),
                problemsWith("capacity: on-demand\n    cidrs",
                        "capacity: on-demand\n      bootDiskSizeGb: 5\n    cidrs"));
        assertEquals(List.of(), problemsWith("capacity: on-demand\n    cidrs",
                "capacity: on-demand\n      bootDiskSizeGb: 300\n    cidrs"));
    }

    @Test
    void invalidProjectAndLabels() {
        assertEquals(List.of("project: 'My_Project' is not a GCP project id (6-30 lower-case letters, digits or '-',"
                + " starting with a letter)"), problemsWith("project: replace-with-your-project", "project: My_Project"));
        assertEquals(List.of("labels.app: 'Gemma 3' is not a label value (up to 63 lower-case letters, digits, '_'"
                + " or '-')"), problemsWith("app: gemma3-inference", "app: Gemma 3"));
    }

    @Test
    void autoscalingBounds() {
        assertEquals(List.of("regions[0].tpu.autoscaling: 'minNodes=2, maxNodes=1' is invalid: need 0 <= minNodes"
                + " <= nodeCount (1) <= maxNodes"), problemsWith("capacity: on-demand\n    cidrs",
                "capacity: on-demand\n      autoscaling: {minNodes: 2, maxNodes: 1}\n    cidrs"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String yaml = ConfigFixtures.referenceWith("zone: europe-west4-a", "zone: us-east5-b")
                .replace("topology: 2x2", "topology: 9x9");
        assertEquals(3, ConfigFixtures.problems(yaml).size(), ConfigFixtures.problems(yaml).toString());
    }

    @Test
    void unknownZonesAreOnlyAWarning() {
        DeploymentConfig config = DeploymentConfigLoader.parse(
                ConfigFixtures.referenceWith("zone: us-east5-b", "zone: us-east5-c"), "t");
        assertEquals(List.of(), ConfigValidator.validate(config));
        assertEquals(1, ConfigValidator.warnings(config).size());
        assertTrue(ConfigValidator.warnings(config).get(0).startsWith("regions[1].zone: 'us-east5-c' is not a zone"
                + " known to offer TPU v6e"));
    }
}
