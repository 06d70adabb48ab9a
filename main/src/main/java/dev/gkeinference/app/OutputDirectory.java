package dev.gkeinference.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Synthesis writes into a staging directory beside the output and swaps it in only when it is complete, so a
 * failed run leaves the previous output untouched and never a half-written one.
 */
final class OutputDirectory {
    private final Path target;
    private final Path staging;

    OutputDirectory(Path target) {
        this.target = target.toAbsolutePath().normalize();
        this.staging = this.target.resolveSibling(this.target.getFileName() + ".staging-" + ProcessHandle.current().pid());
    }

    /** A fresh, empty staging directory to synthesize into. */
    Path staging() {
        deleteRecursively(staging);
        try {
            Files.createDirectories(staging.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + staging.getParent() + ": " + e.getMessage(), e);
        }
        return staging;
    }

    /** Replaces the target with the staging directory. */
    void commit() {
        Path previous = target.resolveSibling(target.getFileName() + ".previous-" + ProcessHandle.current().pid());
        try {
            if (Files.exists(target)) {
                Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
            }
            move(staging, target);
            deleteRecursively(previous);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + target + ": " + e.getMessage(), e);
        }
    }

    /** Removes whatever a failed run left in staging. */
    void abandon() {
        deleteRecursively(staging);
    }

    Path target() {
        return target;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void deleteRecursively(Path dir) {
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
