package dev.gkeinference.picker.scheduling.scorers;

import dev.gkeinference.picker.scheduling.SchedulingContext;
import dev.gkeinference.picker.state.EndpointState;

import java.util.List;

/**
 * Less prefill work in flight scores higher: the uncached prompt tokens this picker routed to the endpoint whose
 * first token has not come back, {@code (max - t) / (max - min)} over the candidates, 1 when all are equal. A
 * request count treats a fully cached prompt like a cold 7,000-token one; prefill tokens do not.
 */
public final class PrefillLoadScorer implements Scorer {

    @Override
    public String name() {
        return "prefillLoad";
    }

    @Override
    public void score(SchedulingContext ctx, List<EndpointState> candidates, double[] out) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        int n = candidates.size();
        for (int i = 0; i < n; i++) {
            double t = candidates.get(i).timing().prefillTokensInFlight();
            out[i] = t;
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        double range = max - min;
        for (int i = 0; i < n; i++) {
            out[i] = range <= 0 ? 1.0 : (max - out[i]) / range;
        }
    }
}
