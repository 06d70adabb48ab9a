package dev.gkeinference.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code ./dev} as CI runs it, output captured: plain text, no terminal escape sequences. */
class DevScriptTest {
    private static final Path DEV = Path.of("..", "dev").toAbsolutePath().normalize();

    private record Run(int exitCode, String output) {
    }

    private static Run dev(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(DEV.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "./dev " + String.join(" ", args) + " finishes");
        return new Run(process.exitValue(), output);
    }

    @Test
    void mavenThroughDevWritesNoEscapeSequences() throws Exception {
        // validate of the aggregator alone: Maven's start-up and logging, no plugin and no download
        Run run = dev("mvn", "-o", "-N", "validate");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("BUILD SUCCESS"), run.output());
        assertFalse(run.output().contains("\u001b"), "escape sequences in: " + run.output().replace("\u001b", "ESC"));
    }

    @Test
    void usageIsPlainTextAndExitsWithTwo() throws Exception {
        Run run = dev();
        assertEquals(2, run.exitCode());
        assertTrue(run.output().contains("./dev mvn [maven args]"), run.output());
        assertFalse(run.output().contains("\u001b"), run.output());
    }
}
