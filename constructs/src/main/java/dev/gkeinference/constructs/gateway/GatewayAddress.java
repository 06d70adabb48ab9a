package dev.gkeinference.constructs.gateway;

import dev.gkeinference.constructs.network.NetworkRegion;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewaySpecAddress;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One regional address of a cross-regional internal Gateway: GKE gives the load balancer one VIP per region that
 * hosts a {@code GLOBAL_MANAGED_PROXY} subnet, each either ephemeral or a reserved internal address.
 */
public final class GatewayAddress {
    static final String EPHEMERAL_TYPE_PREFIX = "networking.gke.io/ephemeral-ipv4-address/";
    static final String NAMED_TYPE = "networking.gke.io/named-address-with-region";
    private static final Pattern ADDRESS_NAME = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");

    private final String region;
    private final String type;
    private final String value;

    private GatewayAddress(String region, String type, String value) {
        this.region = region;
        this.type = type;
        this.value = value;
    }

    /** An address GKE allocates from the region's node subnet, released with the Gateway. */
    public static GatewayAddress ephemeral(String region) {
        requireRegion(region);
        return new GatewayAddress(region, EPHEMERAL_TYPE_PREFIX + region, region);
    }

    /**
     * A reserved regional internal address ({@code google_compute_address} with {@code address_type = INTERNAL},
     * {@code purpose = SHARED_LOADBALANCER_VIP}), so the VIP survives the Gateway being recreated.
     */
    public static GatewayAddress reserved(String region, String addressName) {
        requireRegion(region);
        if (addressName == null || !ADDRESS_NAME.matcher(addressName).matches()) {
            throw new IllegalArgumentException("invalid address name '" + addressName + "': use 1-63 lower-case"
                    + " letters, digits or '-', starting with a letter");
        }
        return new GatewayAddress(region, NAMED_TYPE, "regions/" + region + "/addresses/" + addressName);
    }

    private static void requireRegion(String region) {
        NetworkRegion.requireRegion(region);
    }

    public String region() {
        return region;
    }

    GatewaySpecAddress toSpec() {
        return new GatewaySpecAddress(type, value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GatewayAddress other && region.equals(other.region) && type.equals(other.type)
                && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(region, type, value);
    }

    @Override
    public String toString() {
        return type + "=" + value;
    }
}
