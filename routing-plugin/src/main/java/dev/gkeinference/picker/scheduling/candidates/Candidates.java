package dev.gkeinference.picker.scheduling.candidates;

import dev.gkeinference.picker.state.EndpointState;

import java.util.ArrayList;
import java.util.List;

/**
 * The endpoints one request may go to: the pool's Ready endpoints that the subset hint allows ({@link #ready}), and
 * among them those whose model-server metrics are fresh ({@link #fresh}). Stale metrics make an endpoint less
 * attractive, never absent: the scheduler picks among the fresh ones when there are any, else among all ready.
 */
public record Candidates(List<EndpointState> ready, List<EndpointState> fresh) {

    public static Candidates of(List<EndpointState> pool, SubsetHint hint, long nowNanos, long stalenessNanos) {
        List<EndpointState> ready = new ArrayList<>(pool.size());
        List<EndpointState> fresh = new ArrayList<>(pool.size());
        for (EndpointState e : pool) {
            if (hint.allows(e.endpoint())) {
                ready.add(e);
                if (e.isFresh(nowNanos, stalenessNanos)) {
                    fresh.add(e);
                }
            }
        }
        return new Candidates(ready, fresh);
    }

    public boolean noneReady() {
        return ready.isEmpty();
    }

    public boolean noneFresh() {
        return fresh.isEmpty();
    }
}
