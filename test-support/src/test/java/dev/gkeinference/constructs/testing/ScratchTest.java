package dev.gkeinference.constructs.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Scratch directories are gone once the JVM that made them exits: tests leave no temporary files behind. */
class ScratchTest {

    /** Run in a JVM of its own: makes a scratch directory with a file in it and prints the directory. */
    static final class Probe {
        public static void main(String[] args) throws IOException {
            Path dir = Scratch.newDirectory("probe-");
            Files.writeString(dir.resolve("file.txt"), "left behind?");
            System.out.println(dir);
        }
    }

    @Test
    void theScratchRootIsDeletedWhenTheJvmExits() throws Exception {
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Probe.class.getName())
                .redirectErrorStream(true).start();
        assertTrue(probe.waitFor(60, TimeUnit.SECONDS), "the probe JVM exits");
        String printed = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, probe.exitValue(), printed);
        Path dir = Path.of(printed);
        assertTrue(dir.getParent().getFileName().toString().startsWith("gke-inference-tests-"), printed);
        assertFalse(Files.exists(dir.getParent()), "the scratch root is deleted at exit: " + dir.getParent());
    }

    @Test
    void deletesNestedFilesAndToleratesAMissingDirectory() throws IOException {
        Path dir = Scratch.newDirectory("nested-");
        Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("a/b/c.txt"), "x");
        Scratch.deleteRecursively(dir);
        assertFalse(Files.exists(dir));
        Scratch.deleteRecursively(dir);
    }
}
