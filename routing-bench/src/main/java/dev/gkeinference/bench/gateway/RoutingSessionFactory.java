package dev.gkeinference.bench.gateway;

/** Creates one routing session per proxied request. */
public interface RoutingSessionFactory extends AutoCloseable {
    RoutingSession open();

    String name();

    @Override
    default void close() {
    }
}
