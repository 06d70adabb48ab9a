package dev.gkeinference.bench.simulator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A pool of simulated servers, as an InferencePool would select them. */
public final class SimCluster implements AutoCloseable {
    private final List<SimServer> servers;

    private SimCluster(List<SimServer> servers) {
        this.servers = servers;
    }

    /** Starts {@code count} servers on free loopback ports; server i's jitter is seeded with {@code seed + i}. */
    public static SimCluster start(String namePrefix, int count, SimProfile profile, long seed) throws IOException {
        List<SimServer> started = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                started.add(SimServer.start(profile, namePrefix + "-" + i, seed + i, 0));
            }
        } catch (IOException | RuntimeException e) {
            started.forEach(SimServer::close);
            throw e;
        }
        return new SimCluster(started);
    }

    public List<SimServer> servers() {
        return servers;
    }

    public List<String> endpoints() {
        return servers.stream().map(SimServer::endpoint).toList();
    }

    /** {queried tokens, hit tokens} summed over the pool. */
    public long[] prefixCacheCounters() {
        long queried = 0;
        long hits = 0;
        for (SimServer s : servers) {
            EngineSnapshot snap = s.snapshot();
            queried += snap.prefixCacheQueriedTokens();
            hits += snap.prefixCacheHitTokens();
        }
        return new long[] {queried, hits};
    }

    @Override
    public void close() {
        servers.forEach(SimServer::close);
    }
}
