package dev.gkeinference.picker.scheduling;

import dev.gkeinference.picker.config.PickerConfig;
import dev.gkeinference.picker.request.InferenceRequest;
import dev.gkeinference.picker.scheduling.scorers.prefix.PrefixHasher;

/**
 * Per-request scratch space shared by filters and scorers, so work such as hashing the prompt happens once.
 */
public final class SchedulingContext {

    private final InferenceRequest request;
    private final PickerConfig config;
    private final long nowNanos;
    private int hashedBlockSize = -1;
    private long[] hashes;

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
}
