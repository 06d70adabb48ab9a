package dev.gkeinference.constructs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Temporary directories for tests that cannot use JUnit's {@code @TempDir} (static helpers, cdktf apps): all live
 * under one root per test JVM, which is deleted with everything in it when the JVM exits.
 */
public final class Scratch {
    private static Path root;

    private Scratch() {
    }

    /** A new, empty directory under this JVM's scratch root. */
    public static synchronized Path newDirectory(String prefix) {
        try {
            return Files.createTempDirectory(root(), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path root() throws IOException {
        if (root == null) {
            root = Files.createTempDirectory("gke-inference-tests-");
            Path created = root;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(created)));
        }
        return root;
    }

    /** Deletes a directory and everything in it; a missing directory is fine. */
    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
