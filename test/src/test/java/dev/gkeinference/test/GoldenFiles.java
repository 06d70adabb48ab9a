package dev.gkeinference.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/golden}. {@code -Dgolden.update=true} rewrites them instead of
 * comparing: do it deliberately, and review the diff — a changed address replaces real infrastructure.
 */
final class GoldenFiles {
    static final Path DIR = Path.of("src", "test", "resources", "golden");
    static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private GoldenFiles() {
    }

    static void assertMatches(String name, String actual) {
        Path file = DIR.resolve(name);
        try {
            if (UPDATE) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) {
                throw new AssertionError("no golden file " + file + ": run the tests once with -Dgolden.update=true");
            }
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, name + " differs from its golden"
                    + " file; if the change is deliberate, regenerate with -Dgolden.update=true and review the diff");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
