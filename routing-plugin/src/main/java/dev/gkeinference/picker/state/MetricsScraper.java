package dev.gkeinference.picker.state;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scrapes every endpoint's metrics ({@link MetricsEndpoint}: {@code http://ip:port/metrics} by default) each refresh
 * interval. One scrape per endpoint at a time: a slow server is simply skipped until its previous scrape ends, and
 * its data goes stale: the scheduler then prefers endpoints with fresh data.
 *
 * <p>Fetches block on a small pool of reused threads. {@code HttpClient.sendAsync} is avoided on purpose: it hands
 * every completion to the common pool's default executor, which on a machine with fewer than three cores starts a new
 * thread per task — one thread per scrape, 160 a second for 8 endpoints at 50 ms.
 */
public final class MetricsScraper implements AutoCloseable {

    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
    /** Concurrent fetches at most; a slow endpoint holds one fetcher for up to {@link #FETCH_TIMEOUT}. */
    private static final int MAX_FETCHERS = 32;

    private final EndpointRegistry registry;
    private final Duration interval;
    private final MetricsEndpoint target;
    private final boolean autoTunePrefixCapacity;
    private final HttpClient http;
    private final ScheduledExecutorService ticker;
    private final ThreadPoolExecutor fetchers;

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
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "metrics-scraper"));
        AtomicInteger fetcherIds = new AtomicInteger();
        this.fetchers = new ThreadPoolExecutor(MAX_FETCHERS, MAX_FETCHERS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> daemon(r, "metrics-fetch-" + fetcherIds.incrementAndGet()));
        fetchers.allowCoreThreadTimeOut(true);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public void start() {
        long periodNanos = interval.toNanos();
        ticker.scheduleAtFixedRate(this::scrapeAll, 0, periodNanos, TimeUnit.NANOSECONDS);
    }

    private void scrapeAll() {
        for (EndpointState state : registry.endpoints()) {
            if (state.tryStartScrape()) {
                fetchers.execute(() -> scrape(state));
            }
        }
    }

    private void scrape(EndpointState state) {
        HttpRequest request = HttpRequest.newBuilder(target.uri(state.endpoint()))
                .timeout(FETCH_TIMEOUT)
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                apply(state, PrometheusTextParser.parse(response.body()));
            }
        } catch (java.io.IOException | RuntimeException e) {
            // unreachable, timed out or unreadable: the endpoint's data goes stale
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            state.scrapeEnded();
        }
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
        fetchers.shutdownNow();
    }
}
