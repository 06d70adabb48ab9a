package dev.gkeinference.constructs.gateway;

import java.util.Objects;

/**
 * Properties of a {@link PoolImportHealthCheck}.
 *
 * @param name      policy name. Default ({@link #of}): {@code <pool>-health-check}
 * @param namespace namespace of the policy and the pool import
 * @param pool      the imported pool to health-check
 * @param port      the model servers' serving port. Default ({@link #of}): 8000, vLLM's
 * @param path      the health path. Default ({@link #of}): {@code /health}, vLLM's
 */
public record PoolImportHealthCheckProps(String name, String namespace, PoolImport pool, int port, String path) {

    public PoolImportHealthCheckProps {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(pool, "pool");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid health check port " + port + ": use 1 to 65535");
        }
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("invalid health check path '" + path + "': use a path starting with"
                    + " '/', e.g. /health");
        }
    }

    /** HTTP {@code /health} on the given serving port, named {@code <pool>-health-check}. */
    public static PoolImportHealthCheckProps of(String namespace, PoolImport pool, int port) {
        return new PoolImportHealthCheckProps(pool.name() + "-health-check", namespace, pool, port, "/health");
    }
}
