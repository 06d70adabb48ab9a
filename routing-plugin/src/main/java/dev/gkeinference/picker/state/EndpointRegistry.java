package dev.gkeinference.picker.state;

import dev.gkeinference.picker.endpoint.Endpoint;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The endpoints of the pool as discovery currently sees them, with their state. Readers get an immutable
 * snapshot (one volatile read per request); discovery replaces the set, keeping the state of endpoints that stay.
 */
public final class EndpointRegistry {

    private final int prefixCapacity;
    private volatile List<EndpointState> snapshot = List.of();
    private volatile boolean synced;
    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public EndpointRegistry(int prefixCapacity) {
        this.prefixCapacity = prefixCapacity;
    }

    public List<EndpointState> endpoints() {
        return snapshot;
    }

    /** True once discovery has seen the pool at least once (drives the readiness health status). */
    public boolean synced() {
        return synced;
    }

    public synchronized void replaceAll(Collection<Endpoint> endpoints) {
        Map<Endpoint, EndpointState> current = new HashMap<>();
        for (EndpointState s : snapshot) {
            current.put(s.endpoint(), s);
        }
        List<EndpointState> next = new ArrayList<>(endpoints.size());
        for (Endpoint e : new LinkedHashSet<>(endpoints)) {
            EndpointState kept = current.get(e);
            next.add(kept != null ? kept : new EndpointState(e, prefixCapacity));
        }
        snapshot = List.copyOf(next);
        synced = true;
        listeners.forEach(Runnable::run);
    }

    /** Runs after every change of the endpoint set (the first one marks discovery as synced). */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public EndpointState find(String hostPort) {
        for (EndpointState s : snapshot) {
            if (s.hostPort().equals(hostPort)) {
                return s;
            }
        }
        return null;
    }

    public Set<String> hostPorts() {
        Set<String> out = new LinkedHashSet<>();
        for (EndpointState s : snapshot) {
            out.add(s.hostPort());
        }
        return out;
    }
}
