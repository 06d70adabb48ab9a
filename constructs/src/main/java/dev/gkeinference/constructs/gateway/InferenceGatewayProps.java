package dev.gkeinference.constructs.gateway;

import java.util.List;
import java.util.Objects;

/**
 * Properties of an {@link InferenceGateway}.
 *
 * @param name             Gateway name. Default: {@value #DEFAULT_NAME}
 * @param namespace        its namespace, which is also the namespace of its routes and policies
 * @param gatewayClassName Default: {@code gke-l7-cross-regional-internal-managed-mc}
 * @param addresses        one address per region that has a {@code GLOBAL_MANAGED_PROXY} subnet
 * @param port             HTTP listener port. Default: 80
 */
public record InferenceGatewayProps(String name, String namespace, String gatewayClassName,
        List<GatewayAddress> addresses, int port) {
    public static final String DEFAULT_NAME = "cross-region-gateway";

    public InferenceGatewayProps {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(gatewayClassName, "gatewayClassName");
        addresses = List.copyOf(addresses);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid listener port " + port + ": use 1 to 65535");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link InferenceGatewayProps}. */
    public static final class Builder {
        private String name = DEFAULT_NAME;
        private String namespace;
        private String gatewayClassName = InferenceGateway.CROSS_REGIONAL_INTERNAL_CLASS;
        private List<GatewayAddress> addresses = List.of();
        private int port = 80;

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Builder gatewayClassName(String gatewayClassName) {
            this.gatewayClassName = gatewayClassName;
            return this;
        }

        public Builder addresses(List<GatewayAddress> addresses) {
            this.addresses = addresses;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public InferenceGatewayProps build() {
            return new InferenceGatewayProps(name, namespace, gatewayClassName, addresses, port);
        }
    }
}
