package dev.gkeinference.stacks;

/** Stack ids: public API, they name Terraform working directories, state and Terraform Cloud workspaces. */
public final class StackNames {
    public static final String GLOBAL = "global";
    public static final String FLEET = "fleet";
    public static final String GATEWAY = "gateway";

    private StackNames() {
    }

    public static String cluster(String region) {
        return "cluster-" + region;
    }

    public static String platform(String region) {
        return "platform-" + region;
    }

    public static String workload(String region) {
        return "workload-" + region;
    }
}
