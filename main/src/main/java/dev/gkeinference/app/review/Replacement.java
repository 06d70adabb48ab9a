package dev.gkeinference.app.review;

/**
 * Why changing an attribute takes a resource away: the provider forces a new resource, or the provider updates
 * in place but GKE recreates every node (a rolling migration: TPU slices are unavailable meanwhile).
 */
public enum Replacement {
    FORCES_NEW("forces replacement"),
    RECREATES_NODES("recreates every node");

    private final String description;

    Replacement(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
