package dev.gkeinference.picker.scheduling;

import dev.gkeinference.picker.config.PickerConfig;
import dev.gkeinference.picker.request.InferenceRequest;
import dev.gkeinference.picker.scheduling.prefix.PrefixCacheScorer;
import dev.gkeinference.picker.scheduling.ttft.PredictedTtftScorer;
import dev.gkeinference.picker.scheduling.ttft.TtftFit;
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
    /** TTFT fit over every endpoint: the prediction for endpoints without enough observations of their own. */
    private final TtftFit poolFit = new TtftFit();

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
        addScorer(new PrefillLoadScorer(), w.prefillLoad());
        addScorer(new PredictedTtftScorer(poolFit), w.predictedTtft());
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
        Dispatch dispatch = dispatch(ctx, primary, now);
        if (usesPrefixIndex()) {
            PrefixCacheScorer.recordPick(ctx, primary);
        }
        return new Decision.Picked(picked, dispatch);
    }

    /**
     * Starts following the request on its primary, before the pick is recorded in the prefix index: its
     * uncached tokens (counted as in-flight prefill), and the index's stamps of the blocks it expects to hit.
     */
    private Dispatch dispatch(SchedulingContext ctx, EndpointState primary, long now) {
        long uncached = ctx.uncachedTokens(primary);
        long ahead = primary.timing().prefillTokensInFlight() + uncached;
        primary.timing().addPrefillFor(uncached);
        long[] stamps = null;
        long clock = 0;
        boolean feedback = config.prefix().correctFromUsage() && usesPrefixIndex();
        if (feedback) {
            long[] hashes = ctx.prefixHashes(ctx.blockSize(primary));
            int matched = ctx.matchedBlocks(primary);
            stamps = new long[matched];
            clock = primary.prefixBlocks().clock();
            for (int i = 0; i < matched; i++) {
                stamps[i] = primary.prefixBlocks().stamp(hashes[i]);
            }
        }
        return new Dispatch(primary, uncached, ahead, poolFit, now, stamps, clock, ctx.blockSize(primary),
                feedback ? Dispatch.PrefixFeedbackMode.ON : Dispatch.PrefixFeedbackMode.OFF);
    }

    /** The prefix and predicted-TTFT scorers read the prefix index; without them it is not kept. */
    private boolean usesPrefixIndex() {
        return config.weights().prefix() > 0 || config.weights().predictedTtft() > 0;
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
