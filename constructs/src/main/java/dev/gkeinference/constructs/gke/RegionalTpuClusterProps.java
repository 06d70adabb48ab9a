package dev.gkeinference.constructs.gke;

import dev.gkeinference.constructs.network.INetwork;
import dev.gkeinference.constructs.network.IRegionalSubnets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.immutables.value.Value;
import org.jspecify.annotations.Nullable;

/**
 * Properties of a {@link RegionalTpuCluster}. The builder is generated ({@code RegionalTpuClusterPropsBuilder}).
 *
 * @param project                  GCP project id; also names the Workload Identity pool and the fleet
 * @param name                     cluster name (1–40 characters)
 * @param region                   the cluster's region (a regional control plane)
 * @param network                  the shared VPC of all clusters of the deployment
 * @param subnets                  the region's node subnet and its secondary ranges for pods and Services
 * @param nodeServiceAccountEmail  the nodes' service account. See {@link NodeServiceAccount}
 * @param releaseChannel           Default: {@link #DEFAULT_RELEASE_CHANNEL} (REGULAR); GKE picks and upgrades the version
 * @param minimumVersion           a version or prefix (such as {@code 1.36}) the cluster must run at least, checked
 *                                 at plan time like the minimums of the features in use. Default: none beyond those
 * @param deletionProtection       Default: {@value #DEFAULT_DELETION_PROTECTION}; set false only for disposable
 *                                 environments
 * @param labels                   resource labels of the cluster and its nodes. Default: none
 * @param systemPool               Default: {@link SystemPoolProps#DEFAULT}
 * @param authorizedNetworks       CIDR blocks allowed to reach the control plane's public IP endpoint. Default:
 *                                 none, and then the cluster has no IP endpoint: clients (Terraform included) use
 *                                 the DNS endpoint, which IAM protects
 */
@Value.Builder
public record RegionalTpuClusterProps(String project, String name, String region, INetwork network,
        IRegionalSubnets subnets, String nodeServiceAccountEmail, @Nullable ReleaseChannel releaseChannel,
        @Nullable String minimumVersion, @Nullable Boolean deletionProtection, Map<String, String> labels,
        @Nullable SystemPoolProps systemPool, List<String> authorizedNetworks) {
    public static final boolean DEFAULT_DELETION_PROTECTION = true;
    public static final ReleaseChannel DEFAULT_RELEASE_CHANNEL = ReleaseChannel.REGULAR;

    public RegionalTpuClusterProps {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(subnets, "subnets");
        Objects.requireNonNull(nodeServiceAccountEmail, "nodeServiceAccountEmail");
        releaseChannel = Objects.requireNonNullElse(releaseChannel, DEFAULT_RELEASE_CHANNEL);
        deletionProtection = Objects.requireNonNullElse(deletionProtection, DEFAULT_DELETION_PROTECTION);
        labels = Map.copyOf(labels);
        systemPool = Objects.requireNonNullElse(systemPool, SystemPoolProps.DEFAULT);
        authorizedNetworks = List.copyOf(authorizedNetworks);
    }

    public static RegionalTpuClusterPropsBuilder builder() {
        return new RegionalTpuClusterPropsBuilder();
    }
}
