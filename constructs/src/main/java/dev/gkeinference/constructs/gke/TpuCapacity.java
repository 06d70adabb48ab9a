package dev.gkeinference.constructs.gke;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Where TPU capacity comes from. */
public enum TpuCapacity {
    /** On-demand VMs: no reservation, subject to availability. */
    ON_DEMAND("on-demand"),
    /** Spot VMs: cheapest, can be preempted at any time. */
    SPOT("spot"),
    /** A specific Compute Engine reservation, consumed through {@code reservation_affinity}. */
    RESERVATION("reservation");

    private final String value;

    TpuCapacity(String value) {
        this.value = value;
    }

    /** The name configuration files use. */
    public String value() {
        return value;
    }

    /** The capacity a configuration value names. */
    public static TpuCapacity fromValue(String value) {
        return Arrays.stream(values()).filter(c -> c.value.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException((value == null ? "missing" : "'" + value + "'")
                        + " is not a capacity: allowed are " + Arrays.stream(values()).map(TpuCapacity::value)
                        .collect(Collectors.joining(", "))));
    }
}
