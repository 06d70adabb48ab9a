package dev.gkeinference.bench.upstream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Our routing plugin's jar as its own JVM, like the upstream picker's process: both pay for their own CPU and
 * garbage collection, and neither shares a heap with the simulators or the load generator.
 */
public final class PluginProcess {
    /** The picker's deployment runs with a container limit; here a fixed heap of the same order. */
    private static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-Xms256m", "-Xmx256m");

    private PluginProcess() {
    }

    /** @param config scheduling config file, or null for the plugin's built-in defaults */
    public static PickerProcess start(String name, Path jar, Path config, List<String> endpoints, double timeScale,
                                      Path logDir) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("routing plugin jar " + jar + " is missing (build it with mvn -pl routing-plugin "
                    + "package)");
        }
        PickerProcess.Ports ports = PickerProcess.Ports.free();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_FLAGS);
        cmd.addAll(List.of("-jar", jar.toAbsolutePath().toString(),
                "--grpc-port=" + ports.grpc(), "--grpc-health-port=" + ports.health(),
                "--metrics-port=" + ports.metrics(), "--secure-serving=false",
                // Loopback only: the readiness probe and the cost stage scrape /metrics without a token, and a
                // stopped picker has no gateway left to drain.
                "--metrics-endpoint-auth=false", "--drain-timeout=0s",
                "--static-endpoints=" + String.join(",", endpoints),
                "--refresh-metrics-interval=" + UpstreamEpp.scaledMs(50, timeScale) + "ms",
                "--metrics-staleness-threshold=" + UpstreamEpp.scaledMs(2000, timeScale) + "ms"));
        if (config != null) {
            cmd.add("--config-file=" + config.toAbsolutePath());
        }
        PickerProcess process = PickerProcess.start(name, cmd, Map.of(), logDir.resolve(name + ".log"), ports);
        try {
            process.awaitReady(endpoints.size(), Duration.ofSeconds(60));
        } catch (IOException e) {
            process.close();
            throw e;
        }
        return process;
    }
}
