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
import dev.gkeinference.picker.scheduling.scorers.QueueScorer;
import dev.gkeinference.picker.scheduling.scorers.prefix.PrefixCacheScorer;
import dev.gkeinference.picker.state.EndpointRegistry;
import dev.gkeinference.picker.state.EndpointState;

import java.time.Duration;
import java.util.List;

/**
 * The scheduling pipeline for one request: candidates (pool ∩ subset hint) → shedding by priority → filters →
 * weighted scorers → max-score picker → bookkeeping for the picked endpoint.
 *
 * <p>Two profiles: with fresh model-server metrics on some candidates, the metrics profile ranks those; with none
 * fresh (scrapes slow or failing, which happens when servers are busiest), the own-view profile ranks every ready
 * candidate by what the picker itself knows — requests it sent and has not seen finish, and its prefix index — so
 * stale metrics never take the pool down.
 */
public final class Scheduler {

    private final EndpointRegistry registry;
    private final PickerConfig config;
    private final long stalenessNanos;
    private final Profile metricsProfile;
    private final Profile ownViewProfile;
    private final DegradedMode degraded;

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
                .score(new LoraAffinityScorer(), w.lora());
        // In-flight requests stand in for both load signals the scrape would have given (queue and KV use).
        this.ownViewProfile = new Profile(List.of())
                .score(new InFlightScorer(), w.queue() + w.kvCache())
                .score(new PrefixCacheScorer(), w.prefix());
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
        if (config.weights().prefix() > 0) {
            PrefixCacheScorer.recordPick(ctx, primary);
        }
        return new Decision.Picked(endpoints, ownView);
    }

    private static Decision noCandidates(SubsetHint hint) {
        return hint.present()
                ? new Decision.Rejected(503, Decision.Rejected.NO_ENDPOINT_IN_SUBSET,
                        "no ready endpoint of the pool matches the subset hint")
                : new Decision.Rejected(503, Decision.Rejected.NO_READY_ENDPOINTS, "no ready endpoints in the pool");
    }
}
