package dev.gkeinference.constructs.network;

import java.util.List;
import java.util.Objects;

/**
 * Properties of an {@link InferenceNetwork}.
 *
 * @param project      GCP project id
 * @param name         VPC name; subnets, routers and firewall rules are named after it
 * @param mtu          VPC MTU. Default: 8896, the largest GCE supports (TPU hosts move large tensors)
 * @param regions      one address plan per region; at least one
 * @param allowedPorts TCP ports that Google health checks and the gateway's proxies may reach.
 *                     Default: 8000 (vLLM), 9002 (endpoint picker ext_proc), 9003 (endpoint picker health)
 */
public record InferenceNetworkProps(String project, String name, int mtu, List<NetworkRegion> regions,
        List<Integer> allowedPorts) {

    public static final int DEFAULT_MTU = 8896;
    public static final List<Integer> DEFAULT_ALLOWED_PORTS = List.of(8000, 9002, 9003);

    public InferenceNetworkProps {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(name, "name");
        regions = List.copyOf(regions);
        allowedPorts = List.copyOf(allowedPorts);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link InferenceNetworkProps}. */
    public static final class Builder {
        private String project;
        private String name;
        private int mtu = DEFAULT_MTU;
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

        public Builder mtu(int mtu) {
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
            return new InferenceNetworkProps(project, name, mtu, regions, allowedPorts);
        }
    }
}
