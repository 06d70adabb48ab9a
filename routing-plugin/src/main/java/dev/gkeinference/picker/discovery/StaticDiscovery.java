package dev.gkeinference.picker.discovery;

import dev.gkeinference.picker.endpoint.Endpoint;
import dev.gkeinference.picker.state.EndpointRegistry;

import java.util.List;

/** {@code --static-endpoints}: a fixed pool, no Kubernetes. Every request's objective has priority 0. */
public final class StaticDiscovery implements Discovery {

    private final List<Endpoint> endpoints;
    private final EndpointRegistry registry;

    public StaticDiscovery(List<Endpoint> endpoints, EndpointRegistry registry) {
        this.endpoints = endpoints;
        this.registry = registry;
    }

    @Override
    public void start() {
        registry.replaceAll(endpoints);
    }

    @Override
    public void close() {
        // nothing is watched
    }
}
