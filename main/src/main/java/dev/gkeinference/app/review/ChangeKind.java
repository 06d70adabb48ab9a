package dev.gkeinference.app.review;

/** What a plan would do to a resource, most severe first (the order of the review output). */
public enum ChangeKind {
    /** A stateful resource (cluster, node pool, bucket) is deleted. */
    DESTROY("destroy"),
    /** An attribute that cannot change in place changed: the resource is deleted and created again. */
    REPLACE("replace"),
    /** A stateless resource is deleted. */
    REMOVE("remove"),
    /** Updated in place. */
    CHANGE("change"),
    /** Created. */
    ADD("add");

    private final String label;

    ChangeKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
