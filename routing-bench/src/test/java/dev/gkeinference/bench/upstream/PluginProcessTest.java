package dev.gkeinference.bench.upstream;

import dev.gkeinference.bench.simulator.SimCluster;
import dev.gkeinference.bench.simulator.SimProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our plugin's jar (as the reactor just packaged it) starts as the benchmark runs it, and stops promptly. */
class PluginProcessTest {

    private static final Path JAR = Path.of("../routing-plugin/target/routing-plugin.jar");

    @Test
    void thePluginBecomesReadyOnItsUnauthenticatedMetricsAndStopsWithoutADrainWindow(@TempDir Path logs)
            throws Exception {
        SimProfile profile = SimProfile.defaultProfile().withTimeScale(0.05);
        try (SimCluster sims = SimCluster.start("p", 2, profile, 1)) {
            // start() waits until the picker's own /metrics (scraped without a token) report both endpoints ready.
            PickerProcess picker = PluginProcess.start("ours", JAR, null, sims.endpoints(), 0.05, logs);
            long stopping = System.nanoTime();
            picker.close();
            Duration stopped = Duration.ofNanos(System.nanoTime() - stopping);
            assertTrue(stopped.toMillis() < 4000, "stopped in " + stopped.toMillis() + " ms: " + picker.logTail());
        }
    }
}
