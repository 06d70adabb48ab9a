package dev.gkeinference.constructs.gke;

import java.util.Arrays;
import java.util.List;

/**
 * The GKE release channel a cluster is enrolled in. GKE creates the cluster at the channel's default version and
 * keeps upgrading it, so the cluster never names a version that GKE will stop offering.
 */
public enum ReleaseChannel {
    RAPID,
    /** GKE's default channel for new clusters: versions reach it after RAPID. */
    REGULAR,
    STABLE,
    EXTENDED;

    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }

    /** The channel of this name (as GKE spells it). */
    public static ReleaseChannel fromName(String name) {
        return Arrays.stream(values()).filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException((name == null ? "missing" : "'" + name + "'")
                        + " is not a release channel: allowed are " + String.join(", ", names())));
    }
}
