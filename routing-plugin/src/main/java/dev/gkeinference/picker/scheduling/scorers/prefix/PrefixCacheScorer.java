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
            long[] hashes = ctx.prefixHashes(blockSize(ctx, e));
            out[i] = hashes.length == 0 ? 0 : (double) e.prefixBlocks().leadingMatches(hashes, hashes.length) / hashes.length;
        }
    }

    /** The endpoint now holds the prompt's blocks (it will once it has computed them). */
    public static void recordPick(SchedulingContext ctx, EndpointState primary) {
        long[] hashes = ctx.prefixHashes(blockSize(ctx, primary));
        primary.prefixBlocks().add(hashes, hashes.length);
    }

    private static int blockSize(SchedulingContext ctx, EndpointState e) {
        int reported = e.metrics().blockSize();
        return ctx.config().prefix().autoTune() && reported > 0 ? reported : ctx.config().prefix().blockSizeTokens();
    }
}
