package dev.gkeinference.picker.scheduling;

import dev.gkeinference.picker.response.CachedTokensFeedback;
import dev.gkeinference.picker.state.EndpointState;
import dev.gkeinference.picker.state.TtftFit;

/**
 * One routed request as the scheduler follows it after the pick: its prefill work counts against the endpoint
 * until the first token comes back, the time that took feeds the endpoint's TTFT fit, and the cached tokens the
 * server reports correct the prefix index (when {@code prefix.correctFromUsage}). The protocol calls the event
 * methods; each acts once.
 */
public final class Dispatch {
    /** For requests the scheduler does not follow. */
    public static final Dispatch NONE = new Dispatch(null, 0, 0, null, 0, null, 0, 0);

    private EndpointState endpoint;
    private final long uncachedTokens;
    private final long tokensAhead;
    private final TtftFit poolFit;
    private final long pickedAtNanos;
    /** The prefix index's stamps of the blocks the request was expected to hit; null: no usage feedback. */
    private final long[] stamps;
    private final long clockAtPick;
    private final int blockSize;
    private boolean prefillReleased;
    private boolean usageSeen;

    Dispatch(EndpointState endpoint, long uncachedTokens, long tokensAhead, TtftFit poolFit, long pickedAtNanos,
             long[] stamps, long clockAtPick, int blockSize) {
        this.endpoint = endpoint;
        this.uncachedTokens = uncachedTokens;
        this.tokensAhead = tokensAhead;
        this.poolFit = poolFit;
        this.pickedAtNanos = pickedAtNanos;
        this.stamps = stamps;
        this.clockAtPick = clockAtPick;
        this.blockSize = blockSize;
        this.prefillReleased = endpoint == null;
    }

    /** Prefill tokens this request was expected to compute on its endpoint. */
    public long uncachedTokens() {
        return uncachedTokens;
    }

    /** The first response bytes of a successful response arrived: prefill is over. */
    public synchronized void firstToken(long nowNanos) {
        if (prefillReleased) {
            return;
        }
        releasePrefill();
        double seconds = (nowNanos - pickedAtNanos) / 1e9;
        endpoint.timing().fit().observe(tokensAhead, seconds);
        poolFit.observe(tokensAhead, seconds);
    }

    /** The prompt tokens the server reported it served from its prefix cache for this request (-1: unknown). */
    public synchronized void cachedTokensReported(long cachedTokens) {
        if (endpoint == null || usageSeen || stamps == null || cachedTokens < 0) {
            return;
        }
        usageSeen = true;
        CachedTokensFeedback.apply(endpoint.prefixBlocks(), stamps.length, stamps, clockAtPick, cachedTokens,
                blockSize);
    }

    /** The proxy served the request from a fallback endpoint: its prefill counts there. */
    public synchronized void movedTo(EndpointState actual) {
        if (endpoint == null || actual == endpoint) {
            return;
        }
        if (!prefillReleased) {
            endpoint.timing().releasePrefillFor(uncachedTokens);
            actual.timing().addPrefillFor(uncachedTokens);
        }
        endpoint = actual;
    }

    /** The exchange ended (normally or not): whatever is still counted is given back. */
    public synchronized void ended() {
        if (!prefillReleased) {
            releasePrefill();
        }
    }

    private void releasePrefill() {
        endpoint.timing().releasePrefillFor(uncachedTokens);
        prefillReleased = true;
    }
}
