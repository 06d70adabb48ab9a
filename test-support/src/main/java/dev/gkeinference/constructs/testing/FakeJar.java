package dev.gkeinference.constructs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file standing in for the routing-plugin jar where the real one is not built yet (modules before
 * {@code routing-plugin} in the reactor): synthesis reads its bytes for the content hash, never runs it.
 */
public final class FakeJar {
    /** The fake's bytes; fixed, so its content-addressed object name is the same in every run. */
    public static final String CONTENT = "stand-in for routing-plugin.jar";
    private static Path file;

    private FakeJar() {
    }

    /** The absolute path of a {@code routing-plugin.jar} holding {@link #CONTENT}, in a {@link Scratch} directory. */
    public static synchronized String path() {
        if (file == null) {
            try {
                file = Files.writeString(Scratch.newDirectory("fake-picker-jar-").resolve("routing-plugin.jar"),
                        CONTENT, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file.toString();
    }
}
