package dev.gkeinference.picker.scheduling.scorers;

import dev.gkeinference.picker.scheduling.SchedulingContext;
import dev.gkeinference.picker.state.EndpointState;

import java.util.List;

/**
 * Fewer requests in flight from this picker scores higher: {@code (max - n) / (max - min)} over the candidates, 1 when
 * all are equal. The picker's own view of load, used when no endpoint has fresh model-server metrics.
 */
public final class InFlightScorer implements Scorer {

    @Override
    public String name() {
        return "in-flight";
    }

    @Override
    public void score(SchedulingContext ctx, List<EndpointState> candidates, double[] out) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        int n = candidates.size();
        for (int i = 0; i < n; i++) {
            int inFlight = candidates.get(i).inFlight();
            out[i] = inFlight;
            min = Math.min(min, inFlight);
            max = Math.max(max, inFlight);
        }
        double range = max - min;
        for (int i = 0; i < n; i++) {
            out[i] = range <= 0 ? 1.0 : (max - out[i]) / range;
        }
    }
}
