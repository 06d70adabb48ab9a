package dev.gkeinference.bench.load;

import java.util.List;

/**
 * A named set of prompts, how they arrive, and the servers they meet: {@code slowServerFactor} > 1 makes the
 * first server that many times slower (prefill and decode) than the others.
 */
public record Workload(String name, String description, List<Prompt> prompts, Traffic traffic,
                       double slowServerFactor) {
    public Workload {
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("workload without prompts");
        }
        if (slowServerFactor < 1) {
            throw new IllegalArgumentException("slowServerFactor must be >= 1");
        }
        prompts = List.copyOf(prompts);
    }

    /** Uniform Poisson traffic on identical servers. */
    public Workload(String name, String description, List<Prompt> prompts) {
        this(name, description, prompts, Traffic.UNIFORM, 1);
    }

    public Workload withTraffic(String newName, String newDescription, Traffic newTraffic) {
        return new Workload(newName, newDescription, prompts, newTraffic, slowServerFactor);
    }

    public Workload withSlowServer(String newName, String newDescription, double factor) {
        return new Workload(newName, newDescription, prompts, traffic, factor);
    }
}
