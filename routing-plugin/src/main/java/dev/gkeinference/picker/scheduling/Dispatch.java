package dev.gkeinference.picker.scheduling;

import dev.gkeinference.picker.scheduling.prefix.CachedTokensFeedback;
import dev.gkeinference.picker.scheduling.ttft.EndpointTiming;
import dev.gkeinference.picker.scheduling.ttft.TtftFit;
import dev.gkeinference.picker.state.EndpointState;

/**
 * One routed request as the scheduler follows it after the pick: its prefill work counts against the endpoint
 * until the first token comes back (3a), the time that took feeds the endpoint's TTFT fit (3d), and the cached
 * tokens the server reports correct the prefix index (3b). The protocol calls the event methods; each acts once.
 */
public final class Dispatch {
    /** For requests the scheduler does not follow (no body, or picked at random). */
    public static final Dispatch NONE = new Dispatch(null, 0, 0, null, 0, null, 0, 0, null);

    private EndpointState endpoint;
    private final long uncachedTokens;
    private final long tokensAhead;
    private final TtftFit poolFit;
    private final long pickedAtNanos;
    private final long[] stamps;
    private final long clockAtPick;
    private final int blockSize;
    private final PrefixFeedbackMode feedback;
    private boolean prefillReleased;
    private boolean usageSeen;

    /** Whether and how cached-token reports correct the prefix index. */
    enum PrefixFeedbackMode { OFF, ON }

    Dispatch(EndpointState endpoint, long uncachedTokens, long tokensAhead, TtftFit poolFit, long pickedAtNanos,
             long[] stamps, long clockAtPick, int blockSize, PrefixFeedbackMode feedback) {
        this.endpoint = endpoint;
        this.uncachedTokens = uncachedTokens;
        this.tokensAhead = tokensAhead;
        this.poolFit = poolFit;
        this.pickedAtNanos = pickedAtNanos;
        this.stamps = stamps;
        this.clockAtPick = clockAtPick;
        this.blockSize = blockSize;
        this.feedback = feedback;
        this.prefillReleased = endpoint == null;
    }

    /** Prefill tokens this request was expected to compute on its endpoint (what 3a counts). */
    public long uncachedTokens() {
        return uncachedTokens;
    }

    /** The first response bytes arrived: prefill is over. */
    public synchronized void firstToken(long nowNanos) {
        if (prefillReleased) {
            return;
        }
        releasePrefill();
        double seconds = (nowNanos - pickedAtNanos) / 1e9;
        endpoint.timing().fit().observe(tokensAhead, seconds);
        poolFit.observe(tokensAhead, seconds);
    }

    /** The server's {@code usage.prompt_tokens_details.cached_tokens} for this request. */
    public synchronized void cachedTokensReported(int cachedTokens) {
        if (endpoint == null || usageSeen || feedback != PrefixFeedbackMode.ON || stamps == null) {
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
            timing().releasePrefillFor(uncachedTokens);
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
        timing().releasePrefillFor(uncachedTokens);
        prefillReleased = true;
    }

    private EndpointTiming timing() {
        return endpoint.timing();
    }
}
