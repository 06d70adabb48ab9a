package dev.gkeinference.bench.load;

import java.util.List;

/** A named set of prompts requests are drawn from. */
public record Workload(String name, String description, List<Prompt> prompts) {
    public Workload {
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("workload without prompts");
        }
        prompts = List.copyOf(prompts);
    }
}
