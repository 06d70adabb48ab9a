package dev.gkeinference.constructs.gke;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** GKE version strings ({@code 1.34.1-gke.1829001}, or a prefix such as {@code 1.35}), compared numerically. */
public final class GkeVersion {
    private static final Pattern FORMAT = Pattern.compile("\\d+\\.\\d+(\\.\\d+(-gke\\.\\d+)?)?");

    private GkeVersion() {
    }

    public static boolean isValid(String version) {
        return version != null && FORMAT.matcher(version).matches();
    }

    /** True when {@code version} is at least {@code minimum}; a prefix counts as its lowest release. */
    public static boolean atLeast(String version, String minimum) {
        List<Long> a = parts(version);
        List<Long> b = parts(minimum);
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            long x = i < a.size() ? a.get(i) : -1;
            long y = i < b.size() ? b.get(i) : -1;
            if (x != y) {
                return x > y;
            }
        }
        return true;
    }

    private static List<Long> parts(String version) {
        List<Long> parts = new ArrayList<>();
        for (String part : version.replace("-gke.", ".").split("\\.")) {
            parts.add(Long.parseLong(part));
        }
        return parts;
    }
}
