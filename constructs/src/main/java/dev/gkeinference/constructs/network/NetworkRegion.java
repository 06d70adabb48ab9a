package dev.gkeinference.constructs.network;

import java.util.regex.Pattern;

/**
 * The address plan of one region in an {@link InferenceNetwork}.
 *
 * @param region    e.g. {@code europe-west4}
 * @param nodes     primary range of the node subnet
 * @param pods      secondary range {@value RegionalSubnets#POD_RANGE} (VPC-native pod IPs)
 * @param services  secondary range {@value RegionalSubnets#SERVICE_RANGE}
 * @param proxyOnly range of the {@code GLOBAL_MANAGED_PROXY} subnet the cross-region internal gateway's Envoys use
 */
public record NetworkRegion(String region, String nodes, String pods, String services, String proxyOnly) {
    private static final Pattern REGION = Pattern.compile("[a-z]+-[a-z]+[0-9]+");

    public NetworkRegion {
        requireRegion(region);
        for (String cidr : new String[] {nodes, pods, services, proxyOnly}) {
            Cidr.subnet(cidr);
        }
    }

    /** A GCP region name such as {@code europe-west4}. */
    public static void requireRegion(String region) {
        if (region == null || !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException((region == null ? "missing" : "'" + region + "'")
                    + " is not a GCP region such as europe-west4");
        }
    }
}
