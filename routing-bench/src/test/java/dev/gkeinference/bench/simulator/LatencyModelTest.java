package dev.gkeinference.bench.simulator;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyModelTest {
    private final SimProfile profile = SimProfile.defaultProfile();

    @Test
    void lonePrefillIsOverheadPlusPerTokenCost() {
        LatencyModel m = new LatencyModel(profile, 1);
        assertEquals(15 + 0.042 * 1000, m.meanStepMs(1000, 0, 1), 1e-9);
        assertEquals(0, m.meanStepMs(0, 0, 0), 1e-9);
    }

    @Test
    void decodeSlowsLinearlyWithTheBatchUpToTheLoadFactor() {
        LatencyModel m = new LatencyModel(profile, 1);
        assertEquals(1.0, m.loadFactor(1), 1e-9);
        assertEquals(2.0, m.loadFactor(profile.maxNumSeqs()), 1e-9);
        assertEquals(1.0 + 31.0 / 63.0, m.loadFactor(32), 1e-9);
        assertEquals(12 * 2.0, m.meanStepMs(0, 64, 64), 1e-9);
        assertTrue(m.meanStepMs(0, 8, 8) < m.meanStepMs(0, 32, 32));
    }

    @Test
    void prefillInAStepStallsItsDecoders() {
        LatencyModel m = new LatencyModel(profile, 1);
        assertEquals(m.meanStepMs(0, 4, 5) + 15 + 0.042 * 2000, m.meanStepMs(2000, 4, 5), 1e-9);
    }

    @Test
    void jitterIsBoundedAndDeterministicUnderASeed() {
        SimProfile noisy = profile.withJitter(0.9); // capped at 30% std-dev, samples at +-70%
        LatencyModel a = new LatencyModel(noisy, 7);
        LatencyModel b = new LatencyModel(noisy, 7);
        LatencyModel c = new LatencyModel(noisy, 8);
        double sum = 0;
        boolean differs = false;
        for (int i = 0; i < 20_000; i++) {
            double x = a.stepMs(0, 1, 1);
            assertEquals(x, b.stepMs(0, 1, 1), 0.0);
            differs |= x != c.stepMs(0, 1, 1);
            assertTrue(x >= 12 * 0.3 - 1e-9 && x <= 12 * 1.7 + 1e-9, "clamped to +-70%: " + x);
            sum += x;
        }
        assertTrue(differs);
        assertEquals(12.0, sum / 20_000, 0.1);
        assertNotEquals(12.0, new LatencyModel(profile, 3).stepMs(0, 1, 1));
    }
}
