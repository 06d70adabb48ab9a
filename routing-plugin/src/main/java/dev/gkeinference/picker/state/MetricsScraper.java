package dev.gkeinference.picker.state;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Scrapes every endpoint's metrics ({@link MetricsEndpoint}: {@code http://ip:port/metrics} by default) each refresh
 * interval. One scrape per endpoint at a time: a slow server is simply skipped until its previous scrape ends, and
 * its data goes stale: the scheduler then prefers endpoints with fresh data.
 */
public final class MetricsScraper implements AutoCloseable {

    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

    private final EndpointRegistry registry;
    private final Duration interval;
    private final MetricsEndpoint target;
    private final boolean autoTunePrefixCapacity;
    private final HttpClient http;
    private final ScheduledExecutorService ticker;

    public MetricsScraper(EndpointRegistry registry, Duration interval, MetricsEndpoint target,
                          boolean autoTunePrefixCapacity) throws GeneralSecurityException {
        this.registry = registry;
        this.interval = interval;
        this.target = target;
        this.autoTunePrefixCapacity = autoTunePrefixCapacity;
        HttpClient.Builder http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(FETCH_TIMEOUT);
        if (target.scheme().equals("https")) {
            http.sslContext(target.sslContext());
        }
        this.http = http.build();
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
        HttpRequest request = HttpRequest.newBuilder(target.uri(state.endpoint()))
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

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
