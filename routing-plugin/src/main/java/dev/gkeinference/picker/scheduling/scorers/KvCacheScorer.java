package dev.gkeinference.picker.scheduling.scorers;

import dev.gkeinference.picker.scheduling.SchedulingContext;
import dev.gkeinference.picker.state.EndpointState;

import java.util.List;

/** More free KV cache scores higher: {@code 1 - kv_cache_usage}. */
public final class KvCacheScorer implements Scorer {

    @Override
    public String name() {
        return "kv-cache";
    }

    @Override
    public void score(SchedulingContext ctx, List<EndpointState> candidates, double[] out) {
        for (int i = 0; i < candidates.size(); i++) {
            out[i] = 1.0 - candidates.get(i).metrics().kvCacheUsage();
        }
    }
}
