package dev.gkeinference.constructs.network;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Properties of an {@link InferenceNetwork}.
 *
 * @param project      GCP project id
 * @param name         VPC name (1-63 lower-case letters, digits or '-'); subnets, routers and firewall rules are
 *                     named after it
 * @param mtu          VPC MTU, 1300 to 8896. Default: 8896, the largest GCE supports (TPU hosts move large tensors)
 * @param regions      one address plan per region; at least one, each region once
 * @param allowedPorts TCP ports that Google health checks and the gateway's proxies may reach.
 *                     Default: 8000 (vLLM), 9002 (endpoint picker ext_proc), 9003 (endpoint picker health)
 */
public record InferenceNetworkProps(String project, String name, int mtu, List<NetworkRegion> regions,
        List<Integer> allowedPorts) {

    public static final int DEFAULT_MTU = 8896;
    public static final int MIN_MTU = 1300;
    public static final List<Integer> DEFAULT_ALLOWED_PORTS = List.of(8000, 9002, 9003);
    private static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");

    public InferenceNetworkProps {
        Objects.requireNonNull(project, "project");
        requireName(name);
        requireMtu(mtu);
        regions = List.copyOf(regions);
        requireRegions(regions.stream().map(NetworkRegion::region).toList());
        allowedPorts = List.copyOf(allowedPorts);
    }

    /** A VPC name: 1-63 lower-case letters, digits or '-', starting with a letter. */
    public static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a VPC name (1-63 lower-case letters, digits or"
                    + " '-', starting with a letter)");
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

    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link InferenceNetworkProps}. */
    public static final class Builder {
        private String project;
        private String name;
        private Integer mtu;
        private List<NetworkRegion> regions = List.of();
        private List<Integer> allowedPorts = DEFAULT_ALLOWED_PORTS;

        public Builder project(String project) {
            this.project = project;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Null keeps the default, {@value #DEFAULT_MTU}. */
        public Builder mtu(Integer mtu) {
            this.mtu = mtu;
            return this;
        }

        public Builder regions(List<NetworkRegion> regions) {
            this.regions = regions;
            return this;
        }

        public Builder allowedPorts(List<Integer> allowedPorts) {
            this.allowedPorts = allowedPorts;
            return this;
        }

        public InferenceNetworkProps build() {
            return new InferenceNetworkProps(project, name, mtu == null ? DEFAULT_MTU : mtu, regions, allowedPorts);
        }
    }
}
