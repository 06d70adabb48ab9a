package dev.gkeinference.picker.state;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Scrapes every endpoint's {@code /metrics} each refresh interval. One scrape per endpoint at a time: a slow
 * server is simply skipped until its previous scrape ends, and its data goes stale: the scheduler then prefers
 * endpoints with fresh data.
 */
public final class MetricsScraper implements AutoCloseable {

    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

    private final EndpointRegistry registry;
    private final Duration interval;
    private final boolean autoTunePrefixCapacity;
    private final HttpClient http;
    private final ScheduledExecutorService ticker;

    public MetricsScraper(EndpointRegistry registry, Duration interval, boolean autoTunePrefixCapacity) {
        this.registry = registry;
        this.interval = interval;
        this.autoTunePrefixCapacity = autoTunePrefixCapacity;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(FETCH_TIMEOUT)
                .build();
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "metrics-scraper");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        long periodNanos = interval.toNanos();
        ticker.scheduleAtFixedRate(this::scrapeAll, 0, periodNanos, TimeUnit.NANOSECONDS);
    }

    private void scrapeAll() {
        for (EndpointState state : registry.endpoints()) {
            if (state.tryStartScrape()) {
                scrape(state);
            }
        }
    }

    private void scrape(EndpointState state) {
        HttpRequest request = HttpRequest.newBuilder(metricsUri(state))
                .timeout(FETCH_TIMEOUT)
                .GET()
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, failure) -> {
                    try {
                        if (failure == null && response.statusCode() == 200) {
                            apply(state, PrometheusTextParser.parse(response.body()));
                        }
                    } finally {
                        state.scrapeEnded();
                    }
                });
    }

    private void apply(EndpointState state, ModelServerMetrics metrics) {
        state.updateMetrics(metrics, System.nanoTime());
        if (autoTunePrefixCapacity && metrics.numGpuBlocks() > 0) {
            state.prefixBlocks().resize(metrics.numGpuBlocks());
        }
    }

    private static URI metricsUri(EndpointState state) {
        return URI.create("http://" + state.hostPort() + "/metrics");
    }


    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
