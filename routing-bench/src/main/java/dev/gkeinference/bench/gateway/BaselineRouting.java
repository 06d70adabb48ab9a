package dev.gkeinference.bench.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load-balancing policies a plain gateway applies without an endpoint picker: random, round robin (a Kubernetes
 * Service) and least outstanding requests (Envoy's LEAST_REQUEST in its exact form, ties broken at random). The
 * list handed to the proxy is the chosen endpoint followed by the others, which the proxy walks on connect failure.
 */
public final class BaselineRouting implements RoutingSessionFactory {

    public enum Policy { RANDOM, ROUND_ROBIN, LEAST_OUTSTANDING }

    private final Policy policy;
    private final List<Endpoint> endpoints;
    private final Random random;
    private final AtomicInteger nextIndex = new AtomicInteger();
    private final ConcurrentHashMap<Endpoint, AtomicInteger> outstanding = new ConcurrentHashMap<>();

    public BaselineRouting(Policy policy, List<Endpoint> endpoints, long seed) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("no endpoints");
        }
        this.policy = policy;
        this.endpoints = List.copyOf(endpoints);
        this.random = new Random(seed);
        for (Endpoint e : endpoints) {
            outstanding.put(e, new AtomicInteger());
        }
    }

    @Override
    public String name() {
        return switch (policy) {
            case RANDOM -> "random";
            case ROUND_ROBIN -> "round-robin";
            case LEAST_OUTSTANDING -> "least-outstanding";
        };
    }

    @Override
    public RoutingSession open() {
        return new Session();
    }

    int outstanding(Endpoint e) {
        return outstanding.get(e).get();
    }

    private synchronized int choose() {
        return switch (policy) {
            case RANDOM -> random.nextInt(endpoints.size());
            case ROUND_ROBIN -> Math.floorMod(nextIndex.getAndIncrement(), endpoints.size());
            case LEAST_OUTSTANDING -> leastOutstanding();
        };
    }

    private int leastOutstanding() {
        int best = Integer.MAX_VALUE;
        List<Integer> ties = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            int n = outstanding.get(endpoints.get(i)).get();
            if (n < best) {
                best = n;
                ties.clear();
            }
            if (n == best) {
                ties.add(i);
            }
        }
        return ties.get(random.nextInt(ties.size()));
    }

    private List<Endpoint> orderedFrom(int first) {
        List<Endpoint> order = new ArrayList<>(endpoints.size());
        for (int i = 0; i < endpoints.size(); i++) {
            order.add(endpoints.get((first + i) % endpoints.size()));
        }
        return order;
    }

    private final class Session implements RoutingSession {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private Endpoint counted;
        private DownstreamSink sink;

        @Override
        public void requestHeaders(List<Header> headers, boolean endOfStream) {
        }

        @Override
        public void requestBody(byte[] chunk, boolean endOfStream) {
            body.writeBytes(chunk);
        }

        @Override
        public RouteDecision awaitRoute() {
            List<Endpoint> order;
            synchronized (BaselineRouting.this) {
                order = orderedFrom(choose());
                // Counted at pick time so that a burst of arrivals spreads out before any of them is served.
                count(order.get(0));
            }
            return new RouteDecision.Forward(order, body.toByteArray(), List.of());
        }

        @Override
        public List<Header> responseHeaders(int status, List<Header> headers, Endpoint served, DownstreamSink sink) {
            this.sink = sink;
            if (!served.equals(counted)) {
                uncount();
                count(served);
            }
            return List.of();
        }

        @Override
        public void responseBody(byte[] chunk, boolean endOfStream) throws IOException {
            if (chunk.length > 0) {
                sink.write(chunk);
            }
        }

        @Override
        public void awaitResponseComplete() {
        }

        @Override
        public void close() {
            uncount();
        }

        private void count(Endpoint e) {
            AtomicInteger n = outstanding.get(e);
            if (n != null) {
                n.incrementAndGet();
                counted = e;
            }
        }

        private void uncount() {
            if (counted != null) {
                outstanding.get(counted).decrementAndGet();
                counted = null;
            }
        }
    }
}
