package dev.gkeinference.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The cost stage's warm-up: a JVM picker's JIT needs minutes on 2 cores, so it is an option. */
class BenchmarkOptionsTest {

    @Test
    void theCostWarmUpDefaultsToTenSecondsAndCanBeLonger() {
        assertEquals(10.0, BenchmarkOptions.parse(new String[] {"--mode=cost"}).costWarmupSeconds());
        assertEquals(240.0, BenchmarkOptions.parse(new String[] {"--mode=cost", "--cost-warmup-seconds=240"})
                .costWarmupSeconds());
    }

    @Test
    void aWarmUpThatIsNotPositiveIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchmarkOptions.parse(new String[] {"--cost-warmup-seconds=0"}));
        assertEquals("--cost-warmup-seconds must be positive, got 0", e.getMessage());
    }
}
