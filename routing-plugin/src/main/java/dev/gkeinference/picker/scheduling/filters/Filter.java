package dev.gkeinference.picker.scheduling.filters;

import dev.gkeinference.picker.scheduling.SchedulingContext;
import dev.gkeinference.picker.state.EndpointState;

import java.util.List;

/** Narrows the candidates before scoring. */
public interface Filter {

    String name();

    List<EndpointState> filter(SchedulingContext ctx, List<EndpointState> candidates);
}
