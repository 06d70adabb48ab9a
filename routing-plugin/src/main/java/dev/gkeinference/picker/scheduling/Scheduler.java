package dev.gkeinference.picker.scheduling;

import dev.gkeinference.picker.config.PickerConfig;
import dev.gkeinference.picker.request.InferenceRequest;
import dev.gkeinference.picker.scheduling.candidates.SubsetHint;
import dev.gkeinference.picker.scheduling.filters.Filter;
import dev.gkeinference.picker.scheduling.filters.Saturation;
import dev.gkeinference.picker.scheduling.filters.SaturationFilter;
import dev.gkeinference.picker.scheduling.picker.MaxScorePicker;
import dev.gkeinference.picker.scheduling.scorers.KvCacheScorer;
import dev.gkeinference.picker.scheduling.scorers.LoraAffinityScorer;
import dev.gkeinference.picker.scheduling.scorers.QueueScorer;
import dev.gkeinference.picker.scheduling.scorers.Scorer;
import dev.gkeinference.picker.scheduling.scorers.prefix.PrefixCacheScorer;
import dev.gkeinference.picker.state.EndpointRegistry;
import dev.gkeinference.picker.state.EndpointState;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The scheduling pipeline for one request: candidates (pool ∩ subset hint, fresh metrics) → shedding by priority
 * → filters → weighted scorers → max-score picker → bookkeeping for the picked endpoint.
 */
public final class Scheduler {

    private final EndpointRegistry registry;
    private final PickerConfig config;
    private final long stalenessNanos;
    private final List<Filter> filters;
    private final List<Scorer> scorers = new ArrayList<>();
    private final List<Double> weights = new ArrayList<>();

    public Scheduler(EndpointRegistry registry, PickerConfig config, Duration staleness) {
        this.registry = registry;
        this.config = config;
        this.stalenessNanos = staleness.toNanos();
        this.filters = config.saturation().filter() ? List.of(new SaturationFilter()) : List.of();
        PickerConfig.Weights w = config.weights();
        addScorer(new QueueScorer(), w.queue());
        addScorer(new KvCacheScorer(), w.kvCache());
        addScorer(new PrefixCacheScorer(), w.prefix());
        addScorer(new LoraAffinityScorer(), w.lora());
    }

    private void addScorer(Scorer scorer, double weight) {
        if (weight > 0) {
            scorers.add(scorer);
            weights.add(weight);
        }
    }

    public PickerConfig config() {
        return config;
    }

    /** Schedules a request that has a parsed body. {@code priority < 0} marks it sheddable. */
    public Decision schedule(InferenceRequest request, SubsetHint hint, int priority) {
        long now = System.nanoTime();
        List<EndpointState> inPool = locate(hint);
        if (inPool.isEmpty()) {
            return noCandidates(hint);
        }
        List<EndpointState> candidates = fresh(inPool, now);
        if (candidates.isEmpty()) {
            return new Decision.Rejected(503, "no endpoint has fresh metrics");
        }
        if (priority < 0 && Saturation.allSaturated(candidates, config.saturation())) {
            return new Decision.Rejected(429, "sheddable request dropped: every endpoint is saturated");
        }
        SchedulingContext ctx = new SchedulingContext(request, config, now);
        for (Filter filter : filters) {
            candidates = filter.filter(ctx, candidates);
        }
        double[] totals = totalScores(ctx, candidates);
        List<EndpointState> picked = MaxScorePicker.pick(candidates, totals, config.picker().maxEndpoints());
        EndpointState primary = picked.get(0);
        primary.dispatched();
        if (config.weights().prefix() > 0) {
            PrefixCacheScorer.recordPick(ctx, primary);
        }
        return new Decision.Picked(picked);
    }

    /** A request without a body: any ready endpoint, at random (fresh ones preferred). */
    public Decision pickRandom(SubsetHint hint) {
        List<EndpointState> inPool = locate(hint);
        if (inPool.isEmpty()) {
            return noCandidates(hint);
        }
        List<EndpointState> fresh = fresh(inPool, System.nanoTime());
        List<EndpointState> from = fresh.isEmpty() ? inPool : fresh;
        EndpointState chosen = from.get(ThreadLocalRandom.current().nextInt(from.size()));
        chosen.dispatched();
        return new Decision.Picked(List.of(chosen));
    }

    private List<EndpointState> locate(SubsetHint hint) {
        List<EndpointState> all = registry.endpoints();
        if (!hint.present()) {
            return all;
        }
        List<EndpointState> allowed = new ArrayList<>();
        for (EndpointState e : all) {
            if (hint.allows(e.endpoint())) {
                allowed.add(e);
            }
        }
        return allowed;
    }

    private static Decision noCandidates(SubsetHint hint) {
        return new Decision.Rejected(503, hint.present()
                ? "no endpoint of the pool matches the subset hint" : "no ready endpoints in the pool");
    }

    private List<EndpointState> fresh(List<EndpointState> endpoints, long now) {
        List<EndpointState> out = new ArrayList<>(endpoints.size());
        for (EndpointState e : endpoints) {
            if (e.isFresh(now, stalenessNanos)) {
                out.add(e);
            }
        }
        return out;
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
