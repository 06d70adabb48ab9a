package dev.gkeinference.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Open-loop arrival schedules: when each request is sent and which prompt it carries. */
public final class Arrivals {

    /** A request to send {@code atSeconds} (simulated) after the stage starts. */
    public record Arrival(double atSeconds, Prompt prompt) {
    }

    private Arrivals() {
    }

    /**
     * Poisson arrivals at {@code qps} for {@code durationSeconds}, with prompts drawn uniformly from the workload.
     * The same seed gives the same schedule, so every picker faces identical traffic.
     */
    public static List<Arrival> poisson(Workload workload, double qps, double durationSeconds, long seed) {
        if (qps <= 0 || durationSeconds <= 0) {
            throw new IllegalArgumentException("qps and duration must be positive");
        }
        Random random = new Random(seed);
        List<Arrival> arrivals = new ArrayList<>();
        double t = exponential(random, qps);
        while (t < durationSeconds) {
            Prompt p = workload.prompts().get(random.nextInt(workload.prompts().size()));
            arrivals.add(new Arrival(t, p));
            t += exponential(random, qps);
        }
        return arrivals;
    }

    private static double exponential(Random random, double rate) {
        return -Math.log(1.0 - random.nextDouble()) / rate;
    }
}
