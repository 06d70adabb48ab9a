package dev.gkeinference.constructs.gateway;

import java.util.List;
import java.util.Objects;
import org.immutables.value.Value;
import org.jspecify.annotations.Nullable;

/**
 * Properties of an {@link InferenceGateway}. The builder is generated ({@code InferenceGatewayPropsBuilder}).
 *
 * @param name             Gateway name. Default: {@value #DEFAULT_NAME}
 * @param namespace        its namespace, which is also the namespace of its routes and policies
 * @param gatewayClassName Default: {@value InferenceGateway#CROSS_REGIONAL_INTERNAL_CLASS}
 * @param addresses        one address per region that has a {@code GLOBAL_MANAGED_PROXY} subnet
 * @param port             HTTP listener port. Default: {@value #DEFAULT_PORT}
 */
@Value.Builder
public record InferenceGatewayProps(@Nullable String name, String namespace, @Nullable String gatewayClassName,
        List<GatewayAddress> addresses, @Nullable Integer port) {
    public static final String DEFAULT_NAME = "cross-region-gateway";
    public static final int DEFAULT_PORT = 80;

    public InferenceGatewayProps {
        name = Objects.requireNonNullElse(name, DEFAULT_NAME);
        Objects.requireNonNull(namespace, "namespace");
        gatewayClassName = Objects.requireNonNullElse(gatewayClassName, InferenceGateway.CROSS_REGIONAL_INTERNAL_CLASS);
        addresses = List.copyOf(addresses);
        port = Objects.requireNonNullElse(port, DEFAULT_PORT);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid listener port " + port + ": use 1 to 65535");
        }
    }

    public static InferenceGatewayPropsBuilder builder() {
        return new InferenceGatewayPropsBuilder();
    }
}
