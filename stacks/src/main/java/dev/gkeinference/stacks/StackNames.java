package dev.gkeinference.stacks;

/** Stack ids: public API, they name Terraform working directories, state and Terraform Cloud workspaces. */
public final class StackNames {
    public static final String GLOBAL = "global";

    private StackNames() {
    }

    public static String cluster(String region) {
        return "cluster-" + region;
    }
}
