package dev.gkeinference.bench.upstream;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An endpoint picker running as its own process, as it does in a cluster: started with a command line, its output
 * in a log file, ready once its own Prometheus metrics report every pool endpoint, and its CPU time readable so the
 * cost per request can be compared between pickers.
 */
public final class PickerProcess implements AutoCloseable {
    private static final Pattern READY_PODS =
            Pattern.compile("(?m)^inference_pool_ready_pods(?:\\{[^}]*})? ([0-9.eE+-]+)$");

    private final String name;
    private final Process process;
    private final Path log;
    private final int grpcPort;
    private final int metricsPort;

    private PickerProcess(String name, Process process, Path log, int grpcPort, int metricsPort) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.grpcPort = grpcPort;
        this.metricsPort = metricsPort;
    }

    /** Ports a picker listens on, chosen free on loopback just before it starts. */
    public record Ports(int grpc, int health, int metrics) {
        public static Ports free() throws IOException {
            return new Ports(freePort(), freePort(), freePort());
        }
    }

    /** Starts {@code command} with {@code env} added, stdout and stderr to {@code log}. */
    public static PickerProcess start(String name, List<String> command, Map<String, String> env, Path log,
                                      Ports ports) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(env);
        return new PickerProcess(name, builder.start(), log, ports.grpc(), ports.metrics());
    }

    public int grpcPort() {
        return grpcPort;
    }

    public Path log() {
        return log;
    }

    /** User plus system CPU time the process has used so far. */
    public Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /**
     * Waits until the picker's metrics report {@code endpoints} ready pods; fails with the tail of its log if it
     * exits or does not get there within {@code timeout}.
     */
    public void awaitReady(int endpoints, Duration timeout) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI uri = URI.create("http://127.0.0.1:" + metricsPort + "/metrics");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with code " + process.exitValue() + ": " + logTail());
            }
            if (readyPods(http, uri) >= endpoints) {
                return;
            }
            sleep(100);
        }
        throw new IOException(name + " did not report " + endpoints + " ready pods within " + timeout.toSeconds()
                + " s: " + logTail());
    }

    private static double readyPods(HttpClient http, URI uri) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = READY_PODS.matcher(r.body());
            return r.statusCode() == 200 && m.find() ? Double.parseDouble(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** The last lines of the log, for error messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n  ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
