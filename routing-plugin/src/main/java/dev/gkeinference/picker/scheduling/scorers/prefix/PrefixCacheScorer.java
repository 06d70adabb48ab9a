package dev.gkeinference.picker.scheduling.scorers.prefix;

import dev.gkeinference.picker.scheduling.scorers.Scorer;
import dev.gkeinference.picker.scheduling.SchedulingContext;
import dev.gkeinference.picker.state.EndpointState;

import java.util.List;

/**
 * Approximate prefix-cache affinity: the share of the prompt's leading blocks this picker previously sent to the
 * endpoint and that its LRU (sized like the server's KV cache) still holds. {@link #recordPick} feeds the index.
 */
public final class PrefixCacheScorer implements Scorer {

    @Override
    public String name() {
        return "prefix";
    }

    @Override
    public void score(SchedulingContext ctx, List<EndpointState> candidates, double[] out) {
        for (int i = 0; i < candidates.size(); i++) {
            EndpointState e = candidates.get(i);
            long[] hashes = ctx.prefixHashes(ctx.blockSize(e));
            out[i] = hashes.length == 0 ? 0 : (double) ctx.matchedBlocks(e) / hashes.length;
        }
    }

    /** The endpoint now holds the prompt's blocks (it will once it has computed them). */
    public static void recordPick(SchedulingContext ctx, EndpointState primary) {
        long[] hashes = ctx.prefixHashes(ctx.blockSize(primary));
        primary.prefixBlocks().add(hashes, hashes.length);
    }
}
