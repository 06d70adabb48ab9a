package dev.gkeinference.picker.scheduling.filters;

import dev.gkeinference.picker.scheduling.SchedulingContext;
import dev.gkeinference.picker.state.EndpointState;

import java.util.ArrayList;
import java.util.List;

/**
 * Drops saturated endpoints so prefix affinity cannot pile work onto an overloaded server. If every candidate is
 * saturated it keeps them all: better a slow answer than none (shedding is decided before, by priority).
 */
public final class SaturationFilter implements Filter {

    @Override
    public String name() {
        return "saturation";
    }

    @Override
    public List<EndpointState> filter(SchedulingContext ctx, List<EndpointState> candidates) {
        List<EndpointState> kept = new ArrayList<>(candidates.size());
        for (EndpointState e : candidates) {
            if (!Saturation.isSaturated(e, ctx.config().saturation())) {
                kept.add(e);
            }
        }
        return kept.isEmpty() ? candidates : kept;
    }
}
