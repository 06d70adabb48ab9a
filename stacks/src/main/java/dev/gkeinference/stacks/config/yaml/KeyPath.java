package dev.gkeinference.stacks.config.yaml;

import java.util.regex.Pattern;

/**
 * Key paths as problems name them: {@code regions[0].tpu.nodeCount}. A key that is not a plain name (empty, with
 * spaces or a colon, as a hostile file may hold) is written {@code ["key"]}, so every path is visible and a
 * problem is always {@code <path>: <message>}.
 */
public final class KeyPath {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./@~-]+");

    private KeyPath() {
    }

    /** The path of {@code key} in the mapping at {@code parent} ("" at the top level). */
    public static String child(String parent, String key) {
        if (!PLAIN.matcher(key).matches()) {
            return parent + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
        }
        return parent.isEmpty() ? key : parent + "." + key;
    }
}
