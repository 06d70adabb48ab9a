package dev.gkeinference.stacks.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gkeinference.stacks.config.ConfigFixtures;
import dev.gkeinference.stacks.config.DeploymentConfigLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of {@code project}, {@code name}, {@code labels}, {@code network}, {@code cluster} and {@code regions}. */
class DeploymentResolverTest {

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
        assertEquals(List.of("regions[0].tpu.machineType: 'ct5lp-hightpu-4t' is not a TPU v6e machine type: allowed"
                + " are ct6e-standard-1t, ct6e-standard-4t, ct6e-standard-8t"),
                problemsWith("machineType: ct6e-standard-4t", "machineType: ct5lp-hightpu-4t"));
    }

    @Test
    void aMissingMachineTypeOrTopologyIsNamedNotACrash() {
        assertEquals(List.of("regions[0].tpu.machineType: missing - a machine type is required: allowed are"
                + " ct6e-standard-1t, ct6e-standard-4t, ct6e-standard-8t"),
                problemsWith("      machineType: ct6e-standard-4t\n", ""));
        assertEquals(List.of("regions[1].tpu.topology: missing - a topology is required for ct6e-standard-4t:"
                + " allowed are 2x2, 2x4, 4x4, 4x8, 8x8, 8x16, 16x16"),
                ConfigFixtures.problems(ConfigFixtures.reference().replace(
                        "topology: 2x2\n      nodeCount: 1\n      capacity: on-demand\n    cidrs:\n"
                                + "      nodes: 10.0.16",
                        "nodeCount: 1\n      capacity: on-demand\n    cidrs:\n      nodes: 10.0.16")));
        assertEquals(List.of("regions[0].tpu: missing - every region needs a TPU pool (machineType, topology)"),
                problemsWith("    tpu:\n      machineType: ct6e-standard-4t\n      topology: 2x2\n      nodeCount: 1\n"
                        + "      capacity: on-demand\n", ""));
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
        assertEquals(List.of("regions: 'europe-west4' appears twice: each region holds one address plan (and one"
                + " cluster)"), problems);
    }

    @Test
    void exactlyOneConfigCluster() {
        assertEquals(List.of("regions[*].configCluster: 0 config clusters [] - exactly one cluster must hold the"
                + " Gateway (the fleet's multi-cluster ingress config cluster)"),
                problemsWith("    configCluster: true\n", ""));
        assertEquals(List.of("regions[*].configCluster: 2 config clusters [europe-west4, us-east5] - exactly one"
                + " cluster must hold the Gateway (the fleet's multi-cluster ingress config cluster)"),
                problemsWith("zone: us-east5-b", "zone: us-east5-b\n    configCluster: true"));
    }

    @Test
    void capacityAndReservationMustAgree() {
        assertEquals(List.of("regions[0].tpu.capacity: 'preemptible' is not a capacity: allowed are on-demand, spot,"
                + " reservation"), problemsWith("capacity: on-demand", "capacity: preemptible"));
        assertEquals(List.of("regions[0].tpu.reservation: missing - capacity 'reservation' needs the reservation name"),
                problemsWith("capacity: on-demand", "capacity: reservation"));
        assertEquals(List.of("regions[0].tpu.reservation: 'v6e-eu' is set but capacity is 'on-demand': use capacity"
                + " 'reservation' or remove the reservation"),
                problemsWith("capacity: on-demand", "capacity: on-demand\n      reservation: v6e-eu"));
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

    /** A single address is a network too: subnets stop at /29, authorized networks do not. */
    @Test
    void authorizedNetworksAcceptAnyPrefixButSubnetsDoNot() {
        String networks = "releaseChannel: REGULAR\n  authorizedNetworks:\n    - 203.0.113.7/32\n    - 198.51.100.0/24";
        assertEquals(List.of(), problemsWith("releaseChannel: REGULAR", networks));
        assertEquals(List.of("cluster.authorizedNetworks[1]: '198.51.100.1/24' has host bits set: did you mean"
                + " 198.51.100.0/24?"), problemsWith("releaseChannel: REGULAR", networks.replace(".0/24", ".1/24")));
        assertEquals(List.of("regions[0].cidrs.proxyOnly: '10.2.0.0/30' has prefix /30: allowed are /8 to /29 for a"
                + " subnet"), problemsWith("proxyOnly: 10.2.0.0/23", "proxyOnly: 10.2.0.0/30"));
    }

    @Test
    void systemPoolBounds() {
        assertEquals(List.of("cluster.systemPool: 'minNodes=4, maxNodes=3' is invalid: need 0 <= minNodes <="
                + " maxNodes and maxNodes >= 1"), problemsWith("minNodes: 1", "minNodes: 4"));
    }

    @Test
    void invalidProjectAndLabels() {
        assertEquals(List.of("project: 'My_Project' is not a GCP project id (6-30 lower-case letters, digits or '-',"
                + " starting with a letter)"),
                problemsWith("project: replace-with-your-project", "project: My_Project"));
        assertEquals(List.of("labels.app: 'Gemma 3' is not a label value (up to 63 lower-case letters, digits, '_'"
                + " or '-')"), problemsWith("app: gemma3-inference", "app: Gemma 3"));
    }

    @Test
    void aDeploymentNameTooLongForItsDerivedNames() {
        List<String> problems = problemsWith("name: inference\n", "name: inference-staging-1\n");
        assertTrue(problems.contains("name: node service account id for region europe-west4:"
                + " 'inference-staging-1-eu-west4-nodes' is not a service account id: use 6-30 lower-case letters,"
                + " digits or '-', starting with a letter and not ending with '-'"), problems.toString());
    }

    @Test
    void mtuOutOfRange() {
        assertEquals(List.of("network.mtu: '9000' is out of range: allowed are 1300 to 8896"),
                problemsWith("mtu: 8896", "mtu: 9000"));
    }

    @Test
    void autoscalingBounds() {
        assertEquals(List.of("regions[0].tpu.autoscaling: 'minNodes=2, maxNodes=1' is invalid: need 0 <= minNodes"
                + " <= nodeCount (1) <= maxNodes"), problemsWith("capacity: on-demand\n    cidrs",
                "capacity: on-demand\n      autoscaling: {minNodes: 2, maxNodes: 1}\n    cidrs"));
    }

    @Test
    void aBucketNameWithTwoDotsIsAConfigProblem() {
        assertEquals(List.of("bucket.name: 'acme..weights' is not a bucket name: use 3-63 lower-case letters,"
                + " digits, '-', '_' or '.', starting and ending with a letter or digit, without '..' and not"
                + " starting with 'goog'"), problemsWith("bucket:\n", "bucket:\n  name: acme..weights\n"));
    }

    @Test
    void anExistingBucketMustBeNamed() {
        assertEquals(List.of("bucket.name: missing: an existing bucket (bucket.existing: true) must be named"),
                problemsWith("bucket:\n  location: US\n", "bucket:\n  existing: true\n"));
        assertEquals(List.of("bucket.name: 'acme..weights' is not a bucket name: use 3-63 lower-case letters,"
                + " digits, '-', '_' or '.', starting and ending with a letter or digit, without '..' and not"
                + " starting with 'goog'"), problemsWith("bucket:\n  location: US\n",
                "bucket:\n  existing: true\n  name: acme..weights\n"));
    }

    @Test
    void anExistingBucketTakesNoLocation() {
        assertEquals(List.of("bucket.location: 'US' is not allowed with bucket.existing: true: the existing bucket"
                + " keeps its location; remove the key"),
                problemsWith("bucket:\n", "bucket:\n  existing: true\n  name: acme-weights\n"));
    }

    @Test
    void anExistingBucketIsNotCreated() {
        DeploymentPlan existing = ConfigFixtures.plan(ConfigFixtures.referenceWith("bucket:\n  location: US\n",
                "bucket:\n  existing: true\n  name: acme-weights\n"));
        assertEquals("acme-weights", existing.global().bucket().name());
        assertTrue(existing.global().bucket().create().isEmpty());
        assertEquals("acme-weights", existing.serving().bucketName(), "the model server mounts it");
        DeploymentPlan created = ConfigFixtures.plan(ConfigFixtures.referenceWith("bucket:\n  location: US\n",
                "bucket:\n  existing: false\n  location: EU\n"));
        assertEquals("EU", created.global().bucket().create().orElseThrow().location());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String yaml = ConfigFixtures.referenceWith("zone: europe-west4-a", "zone: us-east5-b")
                .replace("topology: 2x2", "topology: 9x9");
        assertEquals(3, ConfigFixtures.problems(yaml).size(), ConfigFixtures.problems(yaml).toString());
    }

    @Test
    void unknownZonesAreOnlyAWarning() {
        DeploymentPlan plan = ConfigFixtures.plan(ConfigFixtures.referenceWith("zone: us-east5-b", "zone: us-east5-c"));
        assertEquals(1, plan.warnings().size());
        assertTrue(plan.warnings().get(0).startsWith("regions[1].zone: 'us-east5-c' is not a zone known to offer"
                + " TPU v6e"), plan.warnings().get(0));
    }

    @Test
    void theProjectOverrideSuppliesAProjectTheFileLeavesOut() {
        String withoutProject = ConfigFixtures.referenceWith("project: replace-with-your-project\n", "");
        assertEquals(List.of("project: missing is not a GCP project id (6-30 lower-case letters, digits or '-',"
                + " starting with a letter)"), ConfigFixtures.problems(withoutProject));
        DeploymentPlan plan = DeploymentResolver.resolve(DeploymentConfigLoader.parse(withoutProject, "t"),
                ResolveOptions.NONE.withProject("acme-prod"), "t");
        assertEquals("acme-prod", plan.project());
        assertEquals("acme-prod-inference-weights", plan.global().bucket().name(), "derived defaults follow it");
    }
}
