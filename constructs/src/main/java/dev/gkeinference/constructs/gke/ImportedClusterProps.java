package dev.gkeinference.constructs.gke;

import com.hashicorp.cdktf.Token;
import java.util.Map;
import java.util.Objects;
import org.immutables.value.Value;
import org.jspecify.annotations.Nullable;

/**
 * An existing regional cluster to deploy into. The builder is generated ({@code ImportedClusterPropsBuilder}).
 *
 * @param project                 the cluster's project; also the fleet and Workload Identity pool it must have
 * @param name                    cluster name
 * @param region                  its region (a regional cluster)
 * @param networkName             the VPC it must be in. Default: not checked
 * @param nodeServiceAccountEmail the service account of the nodes this deployment adds (its TPU pool)
 * @param labels                  resource labels of those nodes. Default: none
 * @param minimumVersion          a version or prefix the cluster must run at least, checked at plan time like the
 *                                minimums of the features in use. Default: none beyond those
 */
@Value.Builder
public record ImportedClusterProps(String project, String name, String region, @Nullable String networkName,
        String nodeServiceAccountEmail, Map<String, String> labels, @Nullable String minimumVersion) {

    public ImportedClusterProps {
        Objects.requireNonNull(project, "project");
        RegionalTpuCluster.requireName(name);
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(nodeServiceAccountEmail, "nodeServiceAccountEmail");
        labels = Map.copyOf(labels);
        RegionalTpuCluster.requireMinimumVersion(minimumVersion);
        if (networkName != null && Token.isUnresolved(networkName)) {
            // it is compared with the cluster's network in a plan-time check, which cannot hold a reference
            throw new IllegalArgumentException("networkName must be a plain VPC name, not a reference: the VPC of"
                    + " an existing cluster exists too");
        }
    }

    public static ImportedClusterPropsBuilder builder() {
        return new ImportedClusterPropsBuilder();
    }
}
