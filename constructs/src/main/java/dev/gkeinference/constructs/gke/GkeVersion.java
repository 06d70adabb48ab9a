package dev.gkeinference.constructs.gke;

import com.hashicorp.cdktf.Postcondition;
import java.util.regex.Pattern;

/**
 * GKE versions ({@code <major>.<minor>.<patch>-gke.<build>}, or a prefix such as {@code 1.35}) and the Terraform
 * expression that checks one at plan time.
 *
 * <p>HCL cannot compare versions, so {@link #atLeast} turns both sides into one number each: the four parts, each
 * zero-padded to a fixed width (3, 3, 3 and 9 digits) and glued, compare like the versions they come from. Wider
 * parts are not valid here (GKE's builds have 7 digits).
 */
public final class GkeVersion {
    /** First GKE version with managed DRANET on Standard clusters. */
    public static final String MANAGED_DRANET = "1.34.1-gke.1829001";
    /** First GKE version whose AutoscalingMetric (current schema) exports metrics to the load balancer. */
    public static final String CUSTOM_METRICS_LOAD_BALANCING = "1.35.1-gke.1396000";
    /** First GKE version with the multi-cluster Inference Gateway (and the legacy AutoscalingMetric form). */
    public static final String MULTI_CLUSTER_INFERENCE_GATEWAY = "1.34.1-gke.1127000";

    private static final Pattern FORMAT = Pattern.compile("\\d{1,3}\\.\\d{1,3}(\\.\\d{1,3}(-gke\\.\\d{1,9})?)?");
    /** The same four parts, as HCL's {@code regex} reads them. */
    static final String HCL_PATTERN = "^([0-9]+)[.]([0-9]+)[.]([0-9]+)-gke[.]([0-9]+)$";

    private GkeVersion() {
    }

    public static boolean isValid(String version) {
        return version != null && FORMAT.matcher(version).matches();
    }

    /** The first release a version or prefix stands for: {@code 1.35} is {@code 1.35.0-gke.0}. */
    public static String firstRelease(String version) {
        if (!isValid(version)) {
            throw new IllegalArgumentException("invalid GKE version '" + version + "': expected a form like "
                    + MANAGED_DRANET + " or 1.35");
        }
        String[] parts = version.split("-gke\\.")[0].split("\\.");
        String build = version.contains("-gke.") ? version.substring(version.indexOf("-gke.") + 5) : "0";
        return parts[0] + "." + parts[1] + "." + (parts.length > 2 ? parts[2] : "0") + "-gke." + build;
    }

    /**
     * An HCL expression that is true when {@code versionExpression} (HCL yielding a GKE version string) is at
     * least {@code minimum}, and false when it is older or not a GKE version at all.
     */
    public static String atLeast(String versionExpression, String minimum) {
        return "try(" + number(versionExpression) + " >= " + number("\"" + firstRelease(minimum) + "\"")
                + ", false)";
    }

    private static String number(String versionExpression) {
        return "tonumber(format(\"%03d%03d%03d%09d\", [for part in regex(\"" + HCL_PATTERN + "\", "
                + versionExpression + ") : tonumber(part)]...))";
    }

    /**
     * The plan-time check that a cluster's control plane ({@code self.master_version}) runs at least
     * {@code minimum}, which {@code feature} needs.
     */
    public static Postcondition runningAtLeast(String clusterName, String minimum, String feature) {
        return Postcondition.builder()
                .condition("${" + atLeast("self.master_version", minimum) + "}")
                .errorMessage("cluster " + clusterName + " runs a GKE version older than " + minimum + ", which "
                        + feature + " needs: upgrade its control plane (gcloud container clusters upgrade --master)")
                .build();
    }
}
