package dev.gkeinference.picker.scheduling.scorers;

import dev.gkeinference.picker.scheduling.SchedulingContext;
import dev.gkeinference.picker.state.EndpointState;

import java.util.List;

/** Rates each candidate in [0,1]; higher is better. The scheduler multiplies by the scorer's weight and sums. */
public interface Scorer {

    String name();

    /** Writes one score per candidate into {@code out} (same order). */
    void score(SchedulingContext ctx, List<EndpointState> candidates, double[] out);
}
