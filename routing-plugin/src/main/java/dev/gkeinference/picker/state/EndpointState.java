package dev.gkeinference.picker.state;

import dev.gkeinference.picker.endpoint.Endpoint;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything the picker knows about one endpoint: its latest scraped metrics (and when they were taken),
 * the requests this picker sent it and their prefill work in flight, the prefix blocks it probably holds in its KV cache, and what its responses
 * reported.
 */
public final class EndpointState {

    private final Endpoint endpoint;
    private final String hostPort;
    private volatile ModelServerMetrics metrics = ModelServerMetrics.EMPTY;
    /** {@link System#nanoTime()} of the last successful scrape; 0 = never scraped. */
    private volatile long scrapedAtNanos;
    /** Requests picked for this endpoint whose response has not ended yet. */
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Picks since the last scrape: the scraped queue length cannot include them yet. */
    private final AtomicInteger dispatchedSinceScrape = new AtomicInteger();
    private final AtomicBoolean scrapeInFlight = new AtomicBoolean();
    private final BlockLru prefixBlocks;
    private final ServedStats served = new ServedStats();
    private final EndpointTiming timing = new EndpointTiming();

    public EndpointState(Endpoint endpoint, int prefixCapacity) {
        this.endpoint = endpoint;
        this.hostPort = endpoint.hostPort();
        this.prefixBlocks = new BlockLru(prefixCapacity);
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public String hostPort() {
        return hostPort;
    }

    public ModelServerMetrics metrics() {
        return metrics;
    }

    public void updateMetrics(ModelServerMetrics fresh, long nowNanos) {
        this.metrics = fresh;
        this.scrapedAtNanos = nowNanos;
        this.dispatchedSinceScrape.set(0);
    }

    public boolean isFresh(long nowNanos, long stalenessNanos) {
        long at = scrapedAtNanos;
        return at != 0 && nowNanos - at <= stalenessNanos;
    }

    /** Seconds since the last scrape, or +Inf when never scraped. */
    public double metricsAgeSeconds(long nowNanos) {
        long at = scrapedAtNanos;
        return at == 0 ? Double.POSITIVE_INFINITY : (nowNanos - at) / 1e9;
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int dispatchedSinceScrape() {
        return dispatchedSinceScrape.get();
    }

    public void dispatched() {
        inFlight.incrementAndGet();
        dispatchedSinceScrape.incrementAndGet();
    }

    public void released() {
        inFlight.decrementAndGet();
    }

    /** Moves one in-flight request here from another endpoint (the proxy retried on a fallback). */
    public void adoptedFrom(EndpointState other) {
        other.inFlight.decrementAndGet();
        inFlight.incrementAndGet();
    }

    public boolean tryStartScrape() {
        return scrapeInFlight.compareAndSet(false, true);
    }

    public void scrapeEnded() {
        scrapeInFlight.set(false);
    }

    public BlockLru prefixBlocks() {
        return prefixBlocks;
    }

    /** What the responses this endpoint served reported (status, token usage). */
    public ServedStats served() {
        return served;
    }

    /** Prefill work this picker has in flight here and the fitted time to first token. */
    public EndpointTiming timing() {
        return timing;
    }

    @Override
    public String toString() {
        return hostPort;
    }
}
