package dev.gkeinference.picker.response;

import dev.gkeinference.picker.state.BlockLru;

/**
 * Corrects the approximate prefix index with what the server reports it had cached
 * ({@code usage.prompt_tokens_details.cached_tokens}). If the server had fewer leading blocks than the index
 * predicted, it had already evicted block {@code actual}, although the index held it with fewer than
 * {@code clock - stamp} newer blocks: the server keeps fewer idle blocks than its {@code num_gpu_blocks} (running
 * requests hold the rest), so the index is capped there. If it had more, the cap was too tight and grows by the
 * difference.
 */
public final class CachedTokensFeedback {
    /** The cap never goes below this many blocks (one long prompt), so a burst of misses cannot empty the index. */
    static final int MIN_LIMIT_BLOCKS = 512;

    private CachedTokensFeedback() {
    }

    /**
     * @param predictedBlocks leading blocks the index held for the prompt when it was routed
     * @param stamps          the index's stamps of those blocks at that time
     * @param clockAtPick     the index's clock at that time
     */
    public static void apply(BlockLru index, int predictedBlocks, long[] stamps, long clockAtPick,
                             long cachedTokens, int blockSize) {
        long actual = Math.max(0, cachedTokens) / Math.max(1, blockSize);
        if (actual < predictedBlocks) {
            long newer = clockAtPick - stamps[(int) actual];
            int cap = (int) Math.min(Integer.MAX_VALUE, Math.max(MIN_LIMIT_BLOCKS, newer));
            if (cap < Math.min(index.limit(), index.capacity())) {
                index.limitTo(cap);
            }
        } else if (actual > predictedBlocks && index.limit() != Integer.MAX_VALUE) {
            index.limitTo((int) Math.min(Integer.MAX_VALUE - 1L, index.limit() + (actual - predictedBlocks)));
        }
    }
}
