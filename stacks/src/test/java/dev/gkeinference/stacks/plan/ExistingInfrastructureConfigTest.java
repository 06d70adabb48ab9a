package dev.gkeinference.stacks.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gkeinference.constructs.network.NetworkRegion;
import dev.gkeinference.stacks.config.ConfigFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code network.existing}, {@code regions[].subnets} and {@code regions[].existingCluster}. */
class ExistingInfrastructureConfigTest {
    private static final String NEW_VPC = "network:\n  name: inference-vpc\n  mtu: 8896\n";
    private static final String EXISTING_VPC = "network:\n  name: platform-vpc\n  existing: true\n";
    private static final String EU_CIDRS = "    cidrs:\n      nodes: 10.0.0.0/20\n      pods: 10.64.0.0/14\n"
            + "      services: 10.1.0.0/20\n      proxyOnly: 10.2.0.0/23\n";
    private static final String US_CIDRS = "    cidrs:\n      nodes: 10.0.16.0/20\n      pods: 10.68.0.0/14\n"
            + "      services: 10.1.16.0/20\n      proxyOnly: 10.2.2.0/23\n";
    /** europe-west4 deploys into an existing cluster, us-east5 onto an existing node subnet. */
    private static final String EU_EXISTING_CLUSTER = "    existingCluster: platform-europe-west4\n"
            + "    subnets:\n      proxyOnly: platform-europe-west4-proxy-only\n";
    private static final String US_EXISTING_SUBNET = "    subnets:\n      nodes:\n        name: platform-us-east5-nodes\n"
            + "        pods: gke-pods\n        services: gke-services\n    cidrs:\n      proxyOnly: 10.2.2.0/23\n";

    private static String existing() {
        return ConfigFixtures.reference().replace(NEW_VPC, EXISTING_VPC).replace(EU_CIDRS, EU_EXISTING_CLUSTER)
                .replace(US_CIDRS, US_EXISTING_SUBNET);
    }

    @Test
    void aDeploymentIntoAnExistingVpcClusterAndSubnetResolves() {
        DeploymentPlan plan = ConfigFixtures.plan(existing());
        assertTrue(plan.global().network().existing());
        assertEquals("platform-vpc", plan.global().network().name());
        assertEquals("inference-vpc", plan.global().network().resourcePrefix(), "named as in its own VPC");
        ClusterPlan eu = plan.clusters().get(0);
        assertTrue(eu.existingCluster());
        assertEquals("platform-europe-west4", eu.name());
        ClusterPlan us = plan.clusters().get(1);
        assertFalse(us.existingCluster());
        assertEquals("inference-us-east5", us.name());
        NetworkRegion euNetwork = plan.global().network().regions().get(0);
        assertFalse(euNetwork.hasNodeSubnet());
        assertEquals("platform-europe-west4-proxy-only", euNetwork.existingProxyOnlySubnet());
        assertEquals("gke-pods", plan.global().network().regions().get(1).existingNodeSubnet().podRange());
    }

    @Test
    void existingSubnetsAndClustersNeedAnExistingVpc() {
        String newVpc = existing().replace(EXISTING_VPC, NEW_VPC);
        assertEquals(List.of(
                "network.existing: region europe-west4 uses existing subnets or an existing cluster, which only an"
                        + " existing VPC can hold",
                "network.existing: region us-east5 uses existing subnets or an existing cluster, which only an existing"
                        + " VPC can hold"), ConfigFixtures.problems(newVpc));
    }

    @Test
    void anExistingVpcIsNamedAndKeepsItsMtu() {
        assertEquals(List.of("network.name: missing - the name of the existing VPC is required"),
                ConfigFixtures.problems(existing().replace("  name: platform-vpc\n", "")));
        assertEquals(List.of("network.mtu: '1460' cannot be set: an existing VPC keeps its own MTU"),
                ConfigFixtures.problems(existing().replace(EXISTING_VPC, EXISTING_VPC + "  mtu: 1460\n")));
    }

    @Test
    void anExistingClusterBringsItsOwnNodeSubnet() {
        String withCidrs = existing().replace(EU_EXISTING_CLUSTER, "    existingCluster: platform-europe-west4\n"
                + EU_CIDRS);
        assertEquals(List.of("regions[0].existingCluster: 'platform-europe-west4' brings its own node subnet: leave"
                + " out cidrs.nodes, .pods, .services and subnets.nodes"), ConfigFixtures.problems(withCidrs));
    }

    @Test
    void eachSubnetIsCreatedOrExistingAndNamedProperly() {
        assertEquals(List.of("regions[1].cidrs.proxyOnly: missing - a CIDR block such as 10.0.0.0/20 is required"),
                ConfigFixtures.problems(existing().replace("    cidrs:\n      proxyOnly: 10.2.2.0/23\n", "")));
        assertEquals(List.of("regions[1]: the node subnet is either created (nodes, pods, services) or existing, not"
                + " both"), ConfigFixtures.problems(existing().replace("      proxyOnly: 10.2.2.0/23\n",
                "      proxyOnly: 10.2.2.0/23\n      nodes: 10.0.16.0/20\n      pods: 10.68.0.0/14\n"
                        + "      services: 10.1.16.0/20\n")));
        assertEquals(List.of("regions[1].subnets.nodes: 'Gke_Pods' is not a secondary range name (1-63 lower-case"
                + " letters, digits or '-', starting with a letter)"),
                ConfigFixtures.problems(existing().replace("pods: gke-pods", "pods: Gke_Pods")));
        assertEquals(List.of("regions[0].existingCluster: 'Platform' is not a cluster name: use 1-40 lower-case"
                + " letters, digits or '-', starting with a letter"),
                ConfigFixtures.problems(existing().replace("existingCluster: platform-europe-west4",
                        "existingCluster: Platform")));
    }
}
