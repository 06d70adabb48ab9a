package dev.gkeinference.picker.scheduling;

import dev.gkeinference.picker.config.PickerConfig;
import dev.gkeinference.picker.request.InferenceRequest;
import dev.gkeinference.picker.scheduling.scorers.prefix.PrefixHasher;
import dev.gkeinference.picker.state.EndpointState;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Per-request scratch space shared by filters and scorers, so work such as hashing the prompt happens once.
 */
public final class SchedulingContext {

    private final InferenceRequest request;
    private final PickerConfig config;
    private final long nowNanos;
    private int hashedBlockSize = -1;
    private long[] hashes;
    private final Map<EndpointState, Integer> matched = new IdentityHashMap<>();

    public SchedulingContext(InferenceRequest request, PickerConfig config, long nowNanos) {
        this.request = request;
        this.config = config;
        this.nowNanos = nowNanos;
    }

    public InferenceRequest request() {
        return request;
    }

    public PickerConfig config() {
        return config;
    }

    public long nowNanos() {
        return nowNanos;
    }

    /** Chained block hashes of the prompt for a block size in tokens (cached for the last size asked). */
    public long[] prefixHashes(int blockSizeTokens) {
        if (hashedBlockSize != blockSizeTokens) {
            PickerConfig.Prefix p = config.prefix();
            hashes = PrefixHasher.hashes(request.model(), request.prompt(), blockSizeTokens * p.bytesPerToken(),
                    p.maxPrefixBlocks());
            hashedBlockSize = blockSizeTokens;
        }
        return hashes;
    }

    /** Block size in tokens the prefix index uses for this endpoint (the server's when reported and auto-tuned). */
    public int blockSize(EndpointState e) {
        int reported = e.metrics().blockSize();
        return config.prefix().autoTune() && reported > 0 ? reported : config.prefix().blockSizeTokens();
    }

    /** Leading prompt blocks the endpoint's prefix index holds (looked up once per endpoint and request). */
    public int matchedBlocks(EndpointState e) {
        return matched.computeIfAbsent(e, x -> {
            long[] h = prefixHashes(blockSize(x));
            return x.prefixBlocks().leadingMatches(h, h.length);
        });
    }

    /** Prompt tokens under the bytes-per-token estimate. */
    public long promptTokens() {
        int bpt = Math.max(1, config.prefix().bytesPerToken());
        return (request.prompt().length + bpt - 1) / bpt;
    }

    /** Prompt tokens the endpoint would have to compute: at least one (vLLM recomputes the last token). */
    public long uncachedTokens(EndpointState e) {
        return Math.max(1, promptTokens() - (long) matchedBlocks(e) * blockSize(e));
    }
}
