package dev.gkeinference.constructs.network;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.immutables.value.Value;
import org.jspecify.annotations.Nullable;

/**
 * Properties of an {@link InferenceNetwork}. The builder is generated ({@code InferenceNetworkPropsBuilder}).
 *
 * @param project        GCP project id
 * @param name           VPC name (1-63 lower-case letters, digits or '-')
 * @param existing       the VPC exists: only the regions' subnets (where created), routers and the firewall rules
 *                       are added to it. Default: false, a new custom-mode VPC
 * @param resourcePrefix what subnets, routers and firewall rules are named after. Default: {@code name}
 * @param mtu            MTU of a new VPC, {@value #MIN_MTU} to {@value #DEFAULT_MTU}. Default: {@value #DEFAULT_MTU},
 *                       the largest GCE supports (TPU hosts move large tensors); an existing VPC keeps its own
 * @param regions        what each region holds; at least one, each region once. Existing subnets, and regions
 *                       without a node subnet, only in an existing VPC
 * @param allowedPorts   TCP ports that Google health checks and the gateway's proxies may reach.
 *                     Default: {@link #DEFAULT_ALLOWED_PORTS}, 8000 (vLLM), 9002 (endpoint picker ext_proc), 9003
 *                     (endpoint picker health)
 */
@Value.Builder
public record InferenceNetworkProps(String project, String name, @Nullable Boolean existing,
        @Nullable String resourcePrefix, @Nullable Integer mtu, List<NetworkRegion> regions,
        @Nullable List<Integer> allowedPorts) {

    public static final int DEFAULT_MTU = 8896;
    public static final int MIN_MTU = 1300;
    public static final List<Integer> DEFAULT_ALLOWED_PORTS = List.of(8000, 9002, 9003);
    private static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");

    public InferenceNetworkProps {
        Objects.requireNonNull(project, "project");
        requireName(name);
        existing = Objects.requireNonNullElse(existing, false);
        resourcePrefix = Objects.requireNonNullElse(resourcePrefix, name);
        requireName(resourcePrefix);
        mtu = existing ? mtu : Objects.requireNonNullElse(mtu, DEFAULT_MTU);
        requireMtu(existing, mtu);
        regions = List.copyOf(regions);
        requireRegions(regions.stream().map(NetworkRegion::region).toList());
        if (!existing) {
            regions.forEach(InferenceNetworkProps::requireCreatable);
        }
        allowedPorts = List.copyOf(Objects.requireNonNullElse(allowedPorts, DEFAULT_ALLOWED_PORTS));
    }

    /** A VPC name: 1-63 lower-case letters, digits or '-', starting with a letter. */
    public static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a VPC name (1-63 lower-case letters, digits or"
                    + " '-', starting with a letter)");
        }
    }

    /** A new VPC's MTU; an existing VPC keeps its own, so none is given for it. */
    public static void requireMtu(boolean existing, @Nullable Integer mtu) {
        if (existing && mtu != null) {
            throw new IllegalArgumentException("'" + mtu + "' cannot be set: an existing VPC keeps its own MTU");
        }
        if (mtu != null) {
            requireMtu(mtu);
        }
    }

    public static void requireMtu(int mtu) {
        if (mtu < MIN_MTU || mtu > DEFAULT_MTU) {
            throw new IllegalArgumentException("'" + mtu + "' is out of range: allowed are " + MIN_MTU + " to "
                    + DEFAULT_MTU);
        }
    }

    /** At least one region, each once: a region has one address plan. */
    public static void requireRegions(List<String> regions) {
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("missing - at least one region is required");
        }
        Set<String> seen = new HashSet<>();
        for (String region : regions) {
            if (!seen.add(region)) {
                throw new IllegalArgumentException("'" + region + "' appears twice: each region holds one address"
                        + " plan (and one cluster)");
            }
        }
    }

    /** In a new VPC nothing exists yet: every subnet of the region is created. */
    public static void requireCreatable(NetworkRegion region) {
        if (!region.createsNodeSubnet() || region.existingProxyOnlySubnet() != null) {
            throw new IllegalArgumentException("region " + region.region() + " uses existing subnets or an existing"
                    + " cluster, which only an existing VPC can hold");
        }
    }

    public static InferenceNetworkPropsBuilder builder() {
        return new InferenceNetworkPropsBuilder();
    }
}
