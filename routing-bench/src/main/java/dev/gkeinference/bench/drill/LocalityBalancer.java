package dev.gkeinference.bench.drill;

import dev.gkeinference.bench.gateway.BaselineRouting;
import dev.gkeinference.bench.gateway.Endpoint;
import dev.gkeinference.bench.gateway.RoutingSession;
import dev.gkeinference.bench.gateway.RoutingSessionFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A global external load balancer in front of regional backends, with GCPBackendPolicy CUSTOM_METRICS semantics:
 * traffic goes to the closest region while it is healthy and its reported utilization (here the mean exported
 * {@code vllm:kv_cache_usage_perc} of its healthy backends) is below {@code maxUtilization}; past that it spills to
 * the next region with headroom. Backends are health-checked on /health every {@code checkInterval} and marked
 * down after {@code unhealthyThreshold} consecutive failures. Within the chosen region, least outstanding requests;
 * the other regions' backends follow as fallbacks for connection failures.
 */
public final class LocalityBalancer implements RoutingSessionFactory {
    private static final Pattern KV_USAGE = Pattern.compile("^vllm:kv_cache_usage_perc(?:\\{[^}]*})?\\s+(\\S+)",
            Pattern.MULTILINE);

    private final List<Region> regions;
    private final double maxUtilization;
    private final int unhealthyThreshold;
    private final Map<Endpoint, Integer> consecutiveFailures = new ConcurrentHashMap<>();
    private final Map<Endpoint, Double> utilization = new ConcurrentHashMap<>();
    private final Map<String, BaselineRouting> withinRegion = new ConcurrentHashMap<>();
    private final HttpClient probes;
    private final Duration probeTimeout;
    private final ScheduledExecutorService scheduler;

    public LocalityBalancer(List<Region> regions, double maxUtilization, Duration checkInterval,
                            int unhealthyThreshold, long seed) {
        this.regions = List.copyOf(regions);
        this.maxUtilization = maxUtilization;
        this.unhealthyThreshold = unhealthyThreshold;
        this.probeTimeout = checkInterval;
        this.probes = HttpClient.newBuilder().connectTimeout(checkInterval).build();
        for (Region r : regions) {
            withinRegion.put(r.name(), new BaselineRouting(BaselineRouting.Policy.LEAST_OUTSTANDING, r.endpoints(),
                    seed));
            r.endpoints().forEach(e -> consecutiveFailures.put(e, 0));
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "locality-balancer-probes");
            t.setDaemon(true);
            return t;
        });
        probeAll();
        scheduler.scheduleWithFixedDelay(this::probeAll, checkInterval.toNanos(), checkInterval.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    @Override
    public String name() {
        return "locality-first";
    }

    @Override
    public RoutingSession open() {
        Region chosen = chooseRegion();
        List<Endpoint> fallbacks = new ArrayList<>();
        for (Region r : regions) {
            if (r != chosen) {
                fallbacks.addAll(healthyFirst(r.endpoints()));
            }
        }
        return new RegionSession(withinRegion.get(chosen.name()).open(), fallbacks);
    }

    /** The closest healthy region under its utilization cap, else the healthy region with the most headroom. */
    Region chooseRegion() {
        Region leastLoaded = null;
        double lowest = Double.MAX_VALUE;
        for (Region r : regions) {
            if (!healthy(r)) {
                continue;
            }
            double u = regionUtilization(r);
            if (u < maxUtilization) {
                return r;
            }
            if (u < lowest) {
                lowest = u;
                leastLoaded = r;
            }
        }
        return leastLoaded != null ? leastLoaded : regions.get(0);
    }

    public boolean healthy(Region r) {
        return r.endpoints().stream().anyMatch(this::healthy);
    }

    boolean healthy(Endpoint e) {
        return consecutiveFailures.getOrDefault(e, 0) < unhealthyThreshold;
    }

    double regionUtilization(Region r) {
        return r.endpoints().stream().filter(this::healthy).mapToDouble(e -> utilization.getOrDefault(e, 0.0))
                .average().orElse(1.0);
    }

    private List<Endpoint> healthyFirst(List<Endpoint> endpoints) {
        List<Endpoint> out = new ArrayList<>(endpoints.stream().filter(this::healthy).toList());
        endpoints.stream().filter(e -> !healthy(e)).forEach(out::add);
        return out;
    }

    private void probeAll() {
        for (Region r : regions) {
            for (Endpoint e : r.endpoints()) {
                probe(e);
            }
        }
    }

    private void probe(Endpoint e) {
        try {
            HttpResponse<String> health = get(e, "/health");
            HttpResponse<String> metrics = get(e, "/metrics");
            if (health.statusCode() != 200 || metrics.statusCode() != 200) {
                throw new java.io.IOException("status " + health.statusCode());
            }
            Matcher m = KV_USAGE.matcher(metrics.body());
            observeSuccess(e, m.find() ? Double.parseDouble(m.group(1)) : utilization.getOrDefault(e, 0.0));
        } catch (java.io.IOException | RuntimeException ex) {
            observeFailure(e);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** A passed health check with the backend's reported utilization. */
    void observeSuccess(Endpoint e, double kvCacheUsage) {
        utilization.put(e, kvCacheUsage);
        consecutiveFailures.put(e, 0);
    }

    void observeFailure(Endpoint e) {
        consecutiveFailures.merge(e, 1, Integer::sum);
    }

    private HttpResponse<String> get(Endpoint e, String path) throws java.io.IOException, InterruptedException {
        return probes.send(HttpRequest.newBuilder(URI.create("http://" + e + path)).timeout(probeTimeout).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** Region-local routing with the other regions' backends appended as connect-failure fallbacks. */
    private static final class RegionSession implements RoutingSession {
        private final RoutingSession local;
        private final List<Endpoint> fallbacks;

        RegionSession(RoutingSession local, List<Endpoint> fallbacks) {
            this.local = local;
            this.fallbacks = fallbacks;
        }

        @Override
        public void requestHeaders(List<dev.gkeinference.bench.gateway.Header> headers, boolean endOfStream)
                throws java.io.IOException {
            local.requestHeaders(headers, endOfStream);
        }

        @Override
        public void requestBody(byte[] chunk, boolean endOfStream) throws java.io.IOException {
            local.requestBody(chunk, endOfStream);
        }

        @Override
        public dev.gkeinference.bench.gateway.RouteDecision awaitRoute() throws java.io.IOException {
            var decision = local.awaitRoute();
            if (decision instanceof dev.gkeinference.bench.gateway.RouteDecision.Forward f) {
                List<Endpoint> all = new ArrayList<>(f.endpoints());
                all.addAll(fallbacks);
                return new dev.gkeinference.bench.gateway.RouteDecision.Forward(all, f.body(), f.extraHeaders());
            }
            return decision;
        }

        @Override
        public List<dev.gkeinference.bench.gateway.Header> responseHeaders(int status,
                List<dev.gkeinference.bench.gateway.Header> headers, Endpoint served,
                dev.gkeinference.bench.gateway.DownstreamSink sink) throws java.io.IOException {
            return local.responseHeaders(status, headers, served, sink);
        }

        @Override
        public void responseBody(byte[] chunk, boolean endOfStream) throws java.io.IOException {
            local.responseBody(chunk, endOfStream);
        }

        @Override
        public void awaitResponseComplete() throws java.io.IOException {
            local.awaitResponseComplete();
        }

        @Override
        public void close() {
            local.close();
        }
    }
}
