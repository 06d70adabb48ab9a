package dev.gkeinference.picker.scheduling.scorers;

import dev.gkeinference.picker.scheduling.SchedulingContext;
import dev.gkeinference.picker.state.EndpointState;

import java.util.List;

/**
 * Shorter waiting queue scores higher: {@code (max - q) / (max - min)} over the candidates, 1 when all are equal.
 * With {@code countDispatchedSinceScrape}, q also counts our own picks since the last scrape, so a burst between
 * two scrapes does not all land on the endpoint that looked emptiest.
 */
public final class QueueScorer implements Scorer {

    @Override
    public String name() {
        return "queue";
    }

    @Override
    public void score(SchedulingContext ctx, List<EndpointState> candidates, double[] out) {
        boolean countOwn = ctx.config().queue().countDispatchedSinceScrape();
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        int n = candidates.size();
        for (int i = 0; i < n; i++) {
            EndpointState e = candidates.get(i);
            double q = e.metrics().waiting() + (countOwn ? e.dispatchedSinceScrape() : 0);
            out[i] = q;
            min = Math.min(min, q);
            max = Math.max(max, q);
        }
        double range = max - min;
        for (int i = 0; i < n; i++) {
            out[i] = range <= 0 ? 1.0 : (max - out[i]) / range;
        }
    }
}
