package dev.gkeinference.constructs.gateway;

import java.util.Objects;

/**
 * Properties of a {@link PoolImportRoute}.
 *
 * @param name        route name. Default ({@link #of}): {@code <pool>-default}
 * @param namespace   namespace of the route, its Gateway and the pool import
 * @param gatewayName the Gateway the route attaches to
 * @param pool        the imported pool that receives the traffic
 */
public record PoolImportRouteProps(String name, String namespace, String gatewayName, PoolImport pool) {

    public PoolImportRouteProps {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(gatewayName, "gatewayName");
        Objects.requireNonNull(pool, "pool");
    }

    /** A route named {@code <pool>-default}. */
    public static PoolImportRouteProps of(String namespace, String gatewayName, PoolImport pool) {
        return new PoolImportRouteProps(pool.name() + "-default", namespace, gatewayName, pool);
    }
}
