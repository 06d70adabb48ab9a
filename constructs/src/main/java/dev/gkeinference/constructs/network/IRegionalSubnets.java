package dev.gkeinference.constructs.network;

/**
 * What a regional cluster is placed in: a node subnet with secondary ranges for pods and Services, created by a
 * {@link RegionalSubnets} or imported with {@link RegionalSubnets#fromSubnetName}.
 */
public interface IRegionalSubnets {
    String region();

    /** The node subnet's self link, for a cluster's {@code subnetwork}. */
    String nodeSubnetSelfLink();

    /** The node subnet's secondary range of pod IPs. */
    String podRangeName();

    /** The node subnet's secondary range of Service IPs. */
    String serviceRangeName();
}
