package dev.gkeinference.picker.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real process: exit codes and what lands on stderr. */
class MainProcessTest {

    private record Result(int exit, String stdout, String stderr) {
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.gkeinference.picker.Main"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("process did not exit");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void unknownFlagPrintsUsageOnStderrAndExits2WithoutAStackTrace() throws Exception {
        Result r = run("--static-endpoints=127.0.0.1:8000", "--grpc-prot=1");
        assertEquals(2, r.exit());
        assertTrue(r.stderr().startsWith("error: unknown flag --grpc-prot\nUsage: java -jar routing-plugin.jar"), r.stderr());
        assertFalse(r.stderr().contains("\tat "), r.stderr());
    }

    @Test
    void invalidConfigFileExits2NamingTheKey(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path config = java.nio.file.Files.writeString(dir.resolve("bad.yaml"), "scorers:\n  queue: -1\n");
        Result r = run("--static-endpoints=127.0.0.1:8000", "--metrics-endpoint-auth=false", "--config-file=" + config);
        assertEquals(2, r.exit());
        assertTrue(r.stderr().contains("scorers.queue is -1.0; allowed 0.0 to 1000.0"), r.stderr());
    }

    @Test
    void portInUseExits1WithAClearMessage() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Result r = run("--static-endpoints=127.0.0.1:8000", "--secure-serving=false", "--metrics-endpoint-auth=false",
                    "--bind-address=127.0.0.1",
                    "--grpc-health-port=" + taken.getLocalPort(), "--grpc-port=0", "--metrics-port=0");
            assertEquals(1, r.exit(), r.stderr());
            assertTrue(r.stderr().startsWith("error: cannot listen"), r.stderr());
            assertFalse(r.stderr().contains("\tat "), r.stderr());
        }
    }

    @Test
    void helpGoesToStdoutWithExit0() throws Exception {
        Result r = run("--help");
        assertEquals(0, r.exit());
        assertTrue(r.stdout().contains("--metrics-staleness-threshold"), r.stdout());
    }
}
