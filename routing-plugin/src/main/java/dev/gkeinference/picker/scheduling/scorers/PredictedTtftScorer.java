package dev.gkeinference.picker.scheduling.scorers;

import dev.gkeinference.picker.scheduling.SchedulingContext;
import dev.gkeinference.picker.state.EndpointState;
import dev.gkeinference.picker.state.TtftFit;

import java.util.List;

/**
 * Predicted time to first token, combined with prefix affinity: for each candidate, the prefill work ahead of the
 * request (its in-flight uncached tokens) plus the request's own uncached tokens there (prompt minus the blocks the
 * prefix index says it holds), through the endpoint's fitted TTFT (the pool's fit until the endpoint has its own).
 * Score = best prediction / this prediction, so the fastest endpoint scores 1. A hot prefix therefore moves to a
 * second server once the queue on the first costs more than recomputing the prefix elsewhere.
 */
public final class PredictedTtftScorer implements Scorer {
    private final TtftFit poolFit;

    public PredictedTtftScorer(TtftFit poolFit) {
        this.poolFit = poolFit;
    }

    @Override
    public String name() {
        return "predictedTtft";
    }

    @Override
    public void score(SchedulingContext ctx, List<EndpointState> candidates, double[] out) {
        int n = candidates.size();
        double best = Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            EndpointState e = candidates.get(i);
            double tokens = e.timing().prefillTokensInFlight() + ctx.uncachedTokens(e);
            out[i] = predict(e.timing().fit(), tokens);
            best = Math.min(best, out[i]);
        }
        for (int i = 0; i < n; i++) {
            out[i] = out[i] <= 0 ? 1.0 : best / out[i];
        }
    }

    /** Seconds; with no trusted fit at all, the token count itself (only the ranking matters). */
    private double predict(TtftFit own, double tokens) {
        if (own.trusted()) {
            return own.predict(tokens);
        }
        return poolFit.trusted() ? poolFit.predict(tokens) : tokens;
    }
}
