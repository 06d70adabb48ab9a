package dev.gkeinference.picker.state;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Prefill work this picker has in flight on one endpoint (uncached prompt tokens of requests routed there whose
 * first token has not come back) and the endpoint's fitted time to first token.
 */
public final class EndpointTiming {
    private final AtomicLong prefillTokensInFlight = new AtomicLong();
    private final TtftFit fit = new TtftFit();

    public long prefillTokensInFlight() {
        return prefillTokensInFlight.get();
    }

    public void addPrefillFor(long tokens) {
        prefillTokensInFlight.addAndGet(tokens);
    }

    public void releasePrefillFor(long tokens) {
        prefillTokensInFlight.addAndGet(-tokens);
    }

    public TtftFit fit() {
        return fit;
    }
}
