package dev.gkeinference.constructs.storage;

import java.util.regex.Pattern;

/** The rule for Cloud Storage bucket names, for the buckets this library creates and the ones it is pointed at. */
public final class BucketName {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]");

    private BucketName() {
    }

    /**
     * Fails unless {@code name} is a valid bucket name: 3-63 lower-case letters, digits, '-', '_' or '.', starting
     * and ending with a letter or digit, no "..", not starting with "goog". Plain Java, so a config can be checked
     * before any construct exists; constructs skip it for tokens.
     */
    public static String require(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.contains("..") || name.startsWith("goog")) {
            throw new IllegalArgumentException((name == null ? "missing" : "'" + name + "'") + " is not a bucket"
                    + " name: use 3-63 lower-case letters, digits, '-', '_' or '.', starting and ending with a letter"
                    + " or digit, without '..' and not starting with 'goog'");
        }
        return name;
    }
}
