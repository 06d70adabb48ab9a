package dev.gkeinference.picker.scheduling;

import dev.gkeinference.picker.config.PickerConfig;
import dev.gkeinference.picker.request.InferenceRequest;
import dev.gkeinference.picker.scheduling.candidates.Candidates;
import dev.gkeinference.picker.scheduling.candidates.SubsetHint;
import dev.gkeinference.picker.scheduling.filters.Saturation;
import dev.gkeinference.picker.scheduling.filters.SaturationFilter;
import dev.gkeinference.picker.scheduling.scorers.InFlightScorer;
import dev.gkeinference.picker.scheduling.scorers.KvCacheScorer;
import dev.gkeinference.picker.scheduling.scorers.LoraAffinityScorer;
import dev.gkeinference.picker.scheduling.scorers.PredictedTtftScorer;
import dev.gkeinference.picker.scheduling.scorers.PrefillLoadScorer;
import dev.gkeinference.picker.scheduling.scorers.QueueScorer;
import dev.gkeinference.picker.scheduling.scorers.prefix.PrefixCacheScorer;
import dev.gkeinference.picker.state.EndpointRegistry;
import dev.gkeinference.picker.state.EndpointState;
import dev.gkeinference.picker.state.TtftFit;

import java.time.Duration;
import java.util.List;

/**
 * The scheduling pipeline for one request: candidates (pool ∩ subset hint) → shedding by priority → filters →
 * weighted scorers → max-score picker → bookkeeping for the picked endpoint.
 *
 * <p>Two profiles: with fresh model-server metrics on some candidates, the metrics profile ranks those; with none
 * fresh (scrapes slow or failing, which happens when servers are busiest), the own-view profile ranks every ready
 * candidate by what the picker itself knows — requests it sent and has not seen finish, and its prefix index — so
 * stale metrics never take the pool down. Prefill load and predicted TTFT are the picker's own view too: both profiles
 * use them. Each pick is followed by a {@link Dispatch} until its response ends.
 */
public final class Scheduler {

    private final EndpointRegistry registry;
    private final PickerConfig config;
    private final long stalenessNanos;
    private final Profile metricsProfile;
    private final Profile ownViewProfile;
    private final DegradedMode degraded;
    /** TTFT fit over every endpoint: the prediction for endpoints without enough observations of their own. */
    private final TtftFit poolFit = new TtftFit();

    public Scheduler(EndpointRegistry registry, PickerConfig config, Duration staleness) {
        this.registry = registry;
        this.config = config;
        this.stalenessNanos = staleness.toNanos();
        this.degraded = new DegradedMode(staleness.toMillis() + " ms");
        PickerConfig.Weights w = config.weights();
        this.metricsProfile = new Profile(config.saturation().filter() ? List.of(new SaturationFilter()) : List.of())
                .score(new QueueScorer(), w.queue())
                .score(new KvCacheScorer(), w.kvCache())
                .score(new PrefixCacheScorer(), w.prefix())
                .score(new LoraAffinityScorer(), w.lora())
                .score(new PrefillLoadScorer(), w.prefillLoad())
                .score(new PredictedTtftScorer(poolFit), w.predictedTtft());
        // In-flight requests stand in for both load signals the scrape would have given (queue and KV use).
        this.ownViewProfile = new Profile(List.of())
                .score(new InFlightScorer(), w.queue() + w.kvCache())
                .score(new PrefixCacheScorer(), w.prefix())
                .score(new PrefillLoadScorer(), w.prefillLoad())
                .score(new PredictedTtftScorer(poolFit), w.predictedTtft());
    }

    /** True while no candidate had fresh metrics at the last request: routing on the picker's own view. */
    public boolean degraded() {
        return degraded.active();
    }

    /**
     * Schedules a request ({@link InferenceRequest#LOAD_ONLY} when there is nothing but load to route on).
     * {@code priority < 0} marks it sheddable.
     */
    public Decision schedule(InferenceRequest request, SubsetHint hint, int priority) {
        long now = System.nanoTime();
        Candidates candidates = Candidates.of(registry.endpoints(), hint, now, stalenessNanos);
        if (candidates.noneReady()) {
            return noCandidates(hint);
        }
        SchedulingContext ctx = new SchedulingContext(request, config, now);
        if (candidates.noneFresh()) {
            // Without metrics there is no saturation to shed on: every request keeps being routed.
            degraded.enter(candidates.ready().size());
            return picked(ctx, ownViewProfile.pick(ctx, candidates.ready(), config.picker().maxEndpoints()), true);
        }
        degraded.leave(candidates.fresh().size(), candidates.ready().size());
        if (priority < 0 && Saturation.allSaturated(candidates.fresh(), config.saturation())) {
            return new Decision.Rejected(429, Decision.Rejected.SATURATED,
                    "sheddable request dropped: every endpoint is saturated");
        }
        return picked(ctx, metricsProfile.pick(ctx, candidates.fresh(), config.picker().maxEndpoints()), false);
    }

    private Decision picked(SchedulingContext ctx, List<EndpointState> endpoints, boolean ownView) {
        EndpointState primary = endpoints.get(0);
        primary.dispatched();
        Dispatch dispatch = dispatch(ctx, primary);
        if (usesPrefixIndex()) {
            PrefixCacheScorer.recordPick(ctx, primary);
        }
        return new Decision.Picked(endpoints, ownView, dispatch);
    }

    /**
     * Starts following the request on its primary, before the pick is recorded in the prefix index: its uncached
     * tokens count as prefill in flight there, and with usage feedback on, the index's stamps of the blocks it
     * expects to hit are kept.
     */
    private Dispatch dispatch(SchedulingContext ctx, EndpointState primary) {
        // Without the prefix index nothing is known to be cached, and the prompt need not be hashed.
        long uncached = usesPrefixIndex() ? ctx.uncachedTokens(primary) : Math.max(1, ctx.promptTokens());
        long ahead = primary.timing().prefillTokensInFlight() + uncached;
        primary.timing().addPrefillFor(uncached);
        long[] stamps = null;
        long clock = 0;
        if (config.prefix().correctFromUsage() && usesPrefixIndex()) {
            long[] hashes = ctx.prefixHashes(ctx.blockSize(primary));
            stamps = new long[ctx.matchedBlocks(primary)];
            clock = primary.prefixBlocks().clock();
            for (int i = 0; i < stamps.length; i++) {
                stamps[i] = primary.prefixBlocks().stamp(hashes[i]);
            }
        }
        return new Dispatch(primary, uncached, ahead, poolFit, ctx.nowNanos(), stamps, clock, ctx.blockSize(primary));
    }

    /** The prefix and predicted-TTFT scorers read the prefix index; without them it is not kept. */
    private boolean usesPrefixIndex() {
        return config.weights().prefix() > 0 || config.weights().predictedTtft() > 0;
    }

    private static Decision noCandidates(SubsetHint hint) {
        return hint.present()
                ? new Decision.Rejected(503, Decision.Rejected.NO_ENDPOINT_IN_SUBSET,
                        "no ready endpoint of the pool matches the subset hint")
                : new Decision.Rejected(503, Decision.Rejected.NO_READY_ENDPOINTS, "no ready endpoints in the pool");
    }
}
