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

    private static final int BIND_ATTEMPTS = 5;

    /** {@code count} servers of one profile; see {@link #start(String, List, long)}. */
    public static SimCluster start(String namePrefix, int count, SimProfile profile, long seed) throws IOException {
        return start(namePrefix, java.util.Collections.nCopies(count, profile), seed);
    }

    /**
     * Starts one server per profile, server i on loopback address 127.0.0.(2+i), all on one free port: like pods
     * with their own IPs behind an InferencePool's single target port. Server i's jitter is seeded with
     * {@code seed + i}.
     */
    public static SimCluster start(String namePrefix, List<SimProfile> profiles, long seed) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            List<SimServer> started = new ArrayList<>();
            try {
                for (int i = 0; i < profiles.size(); i++) {
                    int port = i == 0 ? 0 : started.get(0).port();
                    started.add(SimServer.start(profiles.get(i), namePrefix + "-" + i, seed + i, address(i), port));
                }
                return new SimCluster(started);
            } catch (java.net.BindException e) {
                started.forEach(SimServer::close);
                last = e; // the first server's port was taken on another address: try another port
            } catch (IOException | RuntimeException e) {
                started.forEach(SimServer::close);
                throw e;
            }
        }
        throw last;
    }

    private static java.net.InetAddress address(int index) throws java.net.UnknownHostException {
        return java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + index)});
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
