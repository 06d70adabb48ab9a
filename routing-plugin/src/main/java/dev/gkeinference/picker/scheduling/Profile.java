package dev.gkeinference.picker.scheduling;

import dev.gkeinference.picker.scheduling.filters.Filter;
import dev.gkeinference.picker.scheduling.picker.MaxScorePicker;
import dev.gkeinference.picker.scheduling.scorers.Scorer;
import dev.gkeinference.picker.state.EndpointState;

import java.util.ArrayList;
import java.util.List;

/** One way of ranking candidates: filters, then weighted scorers (each score clamped to [0,1]), then the picker. */
final class Profile {

    private final List<Filter> filters;
    private final List<Scorer> scorers = new ArrayList<>();
    private final List<Double> weights = new ArrayList<>();

    Profile(List<Filter> filters) {
        this.filters = List.copyOf(filters);
    }

    /** Adds a scorer; a weight of 0 leaves it out. */
    Profile score(Scorer scorer, double weight) {
        if (weight > 0) {
            scorers.add(scorer);
            weights.add(weight);
        }
        return this;
    }

    /** The best endpoints, primary first, at most {@code maxEndpoints}. */
    List<EndpointState> pick(SchedulingContext ctx, List<EndpointState> candidates, int maxEndpoints) {
        List<EndpointState> kept = candidates;
        for (Filter filter : filters) {
            kept = filter.filter(ctx, kept);
        }
        return MaxScorePicker.pick(kept, totalScores(ctx, kept), maxEndpoints);
    }

    private double[] totalScores(SchedulingContext ctx, List<EndpointState> candidates) {
        int n = candidates.size();
        double[] totals = new double[n];
        double[] scores = new double[n];
        for (int s = 0; s < scorers.size(); s++) {
            scorers.get(s).score(ctx, candidates, scores);
            double weight = weights.get(s);
            for (int i = 0; i < n; i++) {
                totals[i] += weight * clamp(scores[i]);
            }
        }
        return totals;
    }

    private static double clamp(double score) {
        return score < 0 ? 0 : (score > 1 ? 1 : score);
    }
}
