package dev.gkeinference.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code review} and {@code diagram} are reachable through the app's entry point. */
class MainDeliveryCommandsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void reviewWithoutDirectoriesIsAUsageError() {
        assertEquals(2, run("review"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("both --base and --head are required"));
    }

    @Test
    void diagramPrintsMermaid() {
        assertEquals(0, run("diagram", "--format", "mermaid"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("flowchart TB\n"));
    }

    @Test
    void helpListsTheCommands() {
        assertEquals(0, run("help"));
        String usage = out.toString(StandardCharsets.UTF_8);
        assertTrue(usage.contains("  review ") && usage.contains("  diagram "), usage);
    }

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
    }
}
