package dev.gkeinference.constructs.gke;

/** Where TPU capacity comes from. */
public enum TpuCapacity {
    /** A specific Compute Engine reservation, consumed through {@code reservation_affinity}. */
    RESERVATION,
    /** Spot VMs: cheapest, can be preempted at any time. */
    SPOT,
    /** On-demand VMs: no reservation, subject to availability. */
    ON_DEMAND
}
