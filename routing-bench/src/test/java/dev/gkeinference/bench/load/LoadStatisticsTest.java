package dev.gkeinference.bench.load;

import dev.gkeinference.bench.simulator.PromptTokens;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadStatisticsTest {
    private final Workload shared = Datasets.sharedPrefix("sp", 4, 3, 100, 20, 8, 42);

    @Test
    void poissonArrivalsHaveTheRequestedRateAndExponentialGaps() {
        List<Arrivals.Arrival> a = Arrivals.poisson(shared, 50, 400, 1);
        assertEquals(20_000, a.size(), 3 * Math.sqrt(20_000), "count ~ Poisson(qps x duration)");
        double[] gaps = new double[a.size() - 1];
        for (int i = 1; i < a.size(); i++) {
            gaps[i - 1] = a.get(i).atSeconds() - a.get(i - 1).atSeconds();
            assertTrue(gaps[i - 1] >= 0);
        }
        Distribution d = Distribution.of(gaps);
        assertEquals(0.02, d.mean(), 0.0006);
        // Exponential gaps: median = mean x ln 2, p90 = mean x ln 10.
        assertEquals(0.02 * Math.log(2), d.p50(), 0.0008);
        assertEquals(0.02 * Math.log(10), d.p90(), 0.002);
    }

    @Test
    void theSameSeedGivesTheSameScheduleAndPrompts() {
        List<Arrivals.Arrival> a = Arrivals.poisson(shared, 10, 30, 7);
        List<Arrivals.Arrival> b = Arrivals.poisson(Datasets.sharedPrefix("sp", 4, 3, 100, 20, 8, 42), 10, 30, 7);
        assertEquals(a, b);
        assertNotEquals(a, Arrivals.poisson(shared, 10, 30, 8));
    }

    @Test
    void sharedPrefixPromptsHaveExactLengthsAndShareTheirGroupsSystemPrompt() {
        assertEquals(12, shared.prompts().size());
        for (Prompt p : shared.prompts()) {
            assertEquals(120, PromptTokens.count(p.system() + p.user()));
            assertEquals(120, p.promptTokens());
            assertEquals(8, p.outputTokens());
        }
        Prompt a = shared.prompts().get(0);
        Prompt b = shared.prompts().get(1);
        Prompt other = shared.prompts().get(3);
        assertEquals(a.system(), b.system());
        assertNotEquals(a.user(), b.user());
        assertNotEquals(a.system(), other.system());
    }

    @Test
    void chatLengthsAreLongTailedAroundTheMedian() {
        Workload chat = Datasets.mixedChat("chat", 4000, 256, 64, 3);
        double[] out = chat.prompts().stream().mapToDouble(Prompt::outputTokens).toArray();
        Distribution d = Distribution.of(out);
        assertEquals(64, d.p50(), 4);
        assertTrue(d.p99() > 2.5 * d.p50(), "long tail");
        for (Prompt p : chat.prompts()) {
            assertEquals(p.promptTokens(), PromptTokens.count(p.system()) + PromptTokens.count(p.user()));
        }
    }

    @Test
    void percentilesInterpolateBetweenClosestRanks() {
        Distribution d = Distribution.of(new double[] {5, 1, 4, 2, 3, 6, 7, 8, 9, 10});
        assertEquals(5.5, d.mean(), 1e-9);
        assertEquals(5.5, d.p50(), 1e-9);
        assertEquals(9.1, d.p90(), 1e-9);
        assertEquals(9.91, d.p99(), 1e-9);
        assertEquals(0, Distribution.of(new double[0]).count());
    }

    @Test
    void stageSummaryConvertsToSimulatedTimeAndCountsErrors() {
        long ms = 1_000_000;
        RequestOutcome ok = new RequestOutcome(0, 200, null, new long[] {100 * ms, 110 * ms, 130 * ms}, 150 * ms,
                "a", 10);
        RequestOutcome bad = new RequestOutcome(5 * ms, 503, "HTTP 503", new long[0], 10 * ms, null, 10);
        StageResult r = StageResult.summarize("p", "w", 1, List.of(ok, bad), 0.5, 0.25);
        assertEquals(1, r.completed());
        assertEquals(1, r.errors());
        assertEquals(200, r.ttftMs().p50(), 1e-9, "100 real ms at time scale 0.5");
        assertEquals(50, r.tpotMs().p50(), 1e-9, "(150 - 100) / 2 real ms, doubled");
        assertEquals(30, Distribution.of(new double[] {20, 40}).p50(), 1e-9);
        assertEquals(3 / 0.3, r.outputTokensPerSecond(), 1e-6, "3 tokens over 150 real ms = 0.3 simulated s");
        assertEquals(0.25, r.prefixCacheHitRate());
    }
}
