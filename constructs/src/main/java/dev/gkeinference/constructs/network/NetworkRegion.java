package dev.gkeinference.constructs.network;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What one region of an {@link InferenceNetwork} holds. The node subnet is created from CIDR blocks
 * ({@code nodes}, {@code pods}, {@code services}), or exists ({@code existingNodeSubnet}), or is absent: a region
 * whose cluster exists brings its own. The proxy-only subnet is created from {@code proxyOnly} or exists
 * ({@code existingProxyOnlySubnet}); every region of the gateway needs one.
 *
 * @param region                  e.g. {@code europe-west4}
 * @param nodes                   primary range of a created node subnet
 * @param pods                    its secondary range {@value RegionalSubnets#POD_RANGE} (VPC-native pod IPs)
 * @param services                its secondary range {@value RegionalSubnets#SERVICE_RANGE}
 * @param proxyOnly               range of a created {@code GLOBAL_MANAGED_PROXY} subnet, which the cross-region
 *                                internal gateway's Envoys use
 * @param existingNodeSubnet      an existing node subnet instead of the three blocks
 * @param existingProxyOnlySubnet the name of an existing {@code GLOBAL_MANAGED_PROXY} subnet instead of
 *                                {@code proxyOnly}
 */
public record NetworkRegion(String region, @Nullable String nodes, @Nullable String pods, @Nullable String services,
        @Nullable String proxyOnly, @Nullable ExistingSubnet existingNodeSubnet,
        @Nullable String existingProxyOnlySubnet) {
    private static final Pattern REGION = Pattern.compile("[a-z]+-[a-z]+[0-9]+");

    public NetworkRegion {
        requireRegion(region);
        boolean anyBlock = nodes != null || pods != null || services != null;
        if (anyBlock && (nodes == null || pods == null || services == null)) {
            throw new IllegalArgumentException("a created node subnet needs all of nodes, pods and services");
        }
        if (anyBlock && existingNodeSubnet != null) {
            throw new IllegalArgumentException("the node subnet is either created (nodes, pods, services) or"
                    + " existing, not both");
        }
        if ((proxyOnly == null) == (existingProxyOnlySubnet == null)) {
            throw new IllegalArgumentException("the proxy-only subnet is either created (a CIDR block) or existing"
                    + " (a subnet name): give exactly one");
        }
        for (String cidr : new String[] {nodes, pods, services, proxyOnly}) {
            if (cidr != null) {
                Cidr.subnet(cidr);
            }
        }
        if (existingProxyOnlySubnet != null) {
            ExistingSubnet.requireName(existingProxyOnlySubnet, "subnet");
        }
    }

    /** A region whose subnets are all created. */
    public NetworkRegion(String region, String nodes, String pods, String services, String proxyOnly) {
        this(region, nodes, pods, services, proxyOnly, null, null);
    }

    public boolean createsNodeSubnet() {
        return nodes != null;
    }

    /** Whether the region has a node subnet at all (created or existing). */
    public boolean hasNodeSubnet() {
        return nodes != null || existingNodeSubnet != null;
    }

    /** A GCP region name such as {@code europe-west4}. */
    public static void requireRegion(String region) {
        if (region == null || !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException((region == null ? "missing" : "'" + region + "'")
                    + " is not a GCP region such as europe-west4");
        }
    }
}
