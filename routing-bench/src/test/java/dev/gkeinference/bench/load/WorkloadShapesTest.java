package dev.gkeinference.bench.load;

import dev.gkeinference.bench.simulator.SimulatedAnswer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The traffic shapes of the six workloads: seeded, and shaped as their descriptions say. */
class WorkloadShapesTest {
    private final Workload shared = Datasets.sharedPrefix("sp", 10, 4, 100, 20, 8, 42);

    @Test
    void hotGroupTakesItsShareOfTheRequests() {
        Workload hot = shared.withTraffic("hot", "", new Traffic.HotGroup(0, 0.5));
        List<Arrivals.Arrival> a = Arrivals.schedule(hot, 50, 200, 1);
        double share = a.stream().filter(x -> x.prompt().group() == 0).count() / (double) a.size();
        assertEquals(0.5, share, 0.03);
        assertEquals(a, Arrivals.schedule(hot, 50, 200, 1));
    }

    @Test
    void burstsDoubleTheRateForTheirSeconds() {
        Traffic.Bursts b = new Traffic.Bursts(2, 3, 10);
        List<Arrivals.Arrival> a = Arrivals.schedule(shared.withTraffic("b", "", b), 20, 1000, 2);
        long inBurst = a.stream().filter(x -> Arrivals.inBurst(b, x.atSeconds())).count();
        long outside = a.size() - inBurst;
        // 3 of every 10 s (after the first 5) at 40/s, the rest at 20/s
        assertEquals(40.0, inBurst / (99.5 * 3), 2.0);
        assertEquals(20.0, outside / (1000 - 99.5 * 3), 1.0);
    }

    @Test
    void conversationsSendTheirTurnsInOrderAndEachTurnExtendsThePrevious() {
        Workload chat = Datasets.multiTurnChat("mt", 20, 4, 300, 30, 16, 3);
        Prompt t0 = chat.prompts().get(0);
        Prompt t1 = chat.prompts().get(1);
        assertEquals(List.of(t0.user(), SimulatedAnswer.text(16)), t1.history());
        assertEquals(t0.promptTokens() + 16 + 30, t1.promptTokens());
        assertTrue(t0.history().isEmpty());
        List<Arrivals.Arrival> a = Arrivals.schedule(chat, 4, 100, 4);
        assertEquals(4, a.size() / 100.0, 0.8);
        for (int i = 1; i < a.size(); i++) {
            assertTrue(a.get(i).atSeconds() >= a.get(i - 1).atSeconds());
        }
        // a later turn comes THINK_SECONDS after the turn before it (sent, unless that fell before the timeline)
        for (Arrivals.Arrival later : a) {
            int index = chat.prompts().indexOf(later.prompt());
            if (index % 4 != 0 && later.atSeconds() >= Datasets.THINK_SECONDS) {
                Prompt before = chat.prompts().get(index - 1);
                assertTrue(a.stream().anyMatch(x -> x.prompt() == before
                        && Math.abs(x.atSeconds() + Datasets.THINK_SECONDS - later.atSeconds()) < 1e-9));
            }
        }
    }

    @Test
    void slowServerFactorIsCarriedAndValidated() {
        assertEquals(2, shared.withSlowServer("h", "", 2).slowServerFactor());
        assertEquals(Traffic.UNIFORM, shared.traffic());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> shared.withSlowServer("h", "", 0.5));
    }
}
