package dev.gkeinference.bench.load;

import java.util.ArrayList;
import java.util.Comparator;
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
     * The schedule of one stage at {@code qps} for {@code durationSeconds}, shaped by the workload's traffic. The
     * same seed gives the same schedule, so every picker faces identical traffic.
     */
    public static List<Arrival> schedule(Workload workload, double qps, double durationSeconds, long seed) {
        return withWarmUp(workload, qps, 0, durationSeconds, seed).stage();
    }

    /** A warm-up and the stage after it, cut from one timeline: conversations begun in the warm-up go on. */
    public record Split(List<Arrival> warmUp, List<Arrival> stage) {
    }

    /**
     * One timeline of {@code warmUpSeconds + durationSeconds}, split at the end of the warm-up; times in each part
     * count from its own start. Conversations also begin before the timeline, as in a steady state, but only turns
     * inside it are sent.
     */
    public static Split withWarmUp(Workload workload, double qps, double warmUpSeconds, double durationSeconds,
                                   long seed) {
        if (qps <= 0 || durationSeconds <= 0 || warmUpSeconds < 0) {
            throw new IllegalArgumentException("qps and duration must be positive, warm-up not negative");
        }
        List<Arrival> all = timeline(workload, qps, warmUpSeconds + durationSeconds, seed);
        List<Arrival> warm = new ArrayList<>();
        List<Arrival> stage = new ArrayList<>();
        for (Arrival a : all) {
            if (a.atSeconds() < warmUpSeconds) {
                warm.add(a);
            } else {
                stage.add(new Arrival(a.atSeconds() - warmUpSeconds, a.prompt()));
            }
        }
        return new Split(warm, stage);
    }

    private static List<Arrival> timeline(Workload workload, double qps, double durationSeconds, long seed) {
        Random random = new Random(seed);
        List<Prompt> prompts = workload.prompts();
        Traffic traffic = workload.traffic();
        if (traffic instanceof Traffic.HotGroup h) {
            return hotGroup(random, prompts, h, qps, durationSeconds);
        }
        if (traffic instanceof Traffic.Bursts b) {
            return poisson(random, qps * b.factor(), durationSeconds, t -> inBurst(b, t) ? 1 : 1 / b.factor(),
                    () -> pick(random, prompts));
        }
        if (traffic instanceof Traffic.Conversations c) {
            return conversations(random, prompts, c, qps, durationSeconds);
        }
        return poisson(random, qps, durationSeconds, t -> 1, () -> pick(random, prompts));
    }

    /** Uniform Poisson arrivals (the workload's traffic shape ignored). */
    public static List<Arrival> poisson(Workload workload, double qps, double durationSeconds, long seed) {
        return schedule(new Workload(workload.name(), workload.description(), workload.prompts()), qps,
                durationSeconds, seed);
    }

    /**
     * Arrivals at {@code peakRate}, each kept with probability {@code keep(t)} (thinning): a Poisson process whose
     * rate is {@code peakRate * keep(t)}.
     */
    private static List<Arrival> poisson(Random random, double peakRate, double duration,
                                         java.util.function.DoubleUnaryOperator keep,
                                         java.util.function.Supplier<Prompt> prompt) {
        List<Arrival> arrivals = new ArrayList<>();
        double t = exponential(random, peakRate);
        while (t < duration) {
            double u = random.nextDouble();
            Prompt p = prompt.get();
            if (u < keep.applyAsDouble(t)) {
                arrivals.add(new Arrival(t, p));
            }
            t += exponential(random, peakRate);
        }
        return arrivals;
    }

    static boolean inBurst(Traffic.Bursts b, double t) {
        double sincePeriodStart = t - b.periodSeconds() / 2;
        return sincePeriodStart >= 0 && sincePeriodStart % b.periodSeconds() < b.burstSeconds();
    }

    private static List<Arrival> hotGroup(Random random, List<Prompt> prompts, Traffic.HotGroup h, double qps,
                                          double duration) {
        List<Prompt> hot = prompts.stream().filter(p -> p.group() == h.group()).toList();
        List<Prompt> rest = prompts.stream().filter(p -> p.group() != h.group()).toList();
        if (hot.isEmpty() || rest.isEmpty()) {
            throw new IllegalArgumentException("hot group " + h.group() + " must be a proper subset of the prompts");
        }
        return poisson(random, qps, duration, t -> 1,
                () -> random.nextDouble() < h.share() ? pick(random, hot) : pick(random, rest));
    }

    private static List<Arrival> conversations(Random random, List<Prompt> prompts, Traffic.Conversations c,
                                               double qps, double duration) {
        int count = prompts.size() / c.turns();
        if (count == 0) {
            throw new IllegalArgumentException("fewer prompts than turns of one conversation");
        }
        List<Arrival> arrivals = new ArrayList<>();
        double rate = qps / c.turns();
        double lead = (c.turns() - 1) * c.gapSeconds();
        int next = random.nextInt(count);
        for (double start = -lead + exponential(random, rate); start < duration;
             start += exponential(random, rate)) {
            for (int k = 0; k < c.turns() && start + k * c.gapSeconds() < duration; k++) {
                double at = start + k * c.gapSeconds();
                if (at >= 0) {
                    arrivals.add(new Arrival(at, prompts.get(next * c.turns() + k)));
                }
            }
            next = (next + 1) % count;
        }
        arrivals.sort(Comparator.comparingDouble(Arrival::atSeconds));
        return arrivals;
    }

    private static Prompt pick(Random random, List<Prompt> prompts) {
        return prompts.get(random.nextInt(prompts.size()));
    }

    private static double exponential(Random random, double rate) {
        return -Math.log(1.0 - random.nextDouble()) / rate;
    }
}
