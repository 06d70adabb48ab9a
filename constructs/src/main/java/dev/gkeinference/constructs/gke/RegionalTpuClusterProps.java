package dev.gkeinference.constructs.gke;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Properties of a {@link RegionalTpuCluster}.
 *
 * @param project                  GCP project id; also names the Workload Identity pool and the fleet
 * @param name                     cluster name (1–40 characters)
 * @param region                   the cluster's region (a regional control plane)
 * @param networkId                the shared VPC of all clusters of the deployment
 * @param subnetworkSelfLink       the region's node subnet, with secondary ranges {@code pods} and {@code services}
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
public record RegionalTpuClusterProps(String project, String name, String region, String networkId,
        String subnetworkSelfLink, String nodeServiceAccountEmail, ReleaseChannel releaseChannel, String minimumVersion,
        boolean deletionProtection, Map<String, String> labels, SystemPoolProps systemPool,
        List<String> authorizedNetworks) {
    public static final boolean DEFAULT_DELETION_PROTECTION = true;
    public static final ReleaseChannel DEFAULT_RELEASE_CHANNEL = ReleaseChannel.REGULAR;

    public RegionalTpuClusterProps {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(networkId, "networkId");
        Objects.requireNonNull(subnetworkSelfLink, "subnetworkSelfLink");
        Objects.requireNonNull(nodeServiceAccountEmail, "nodeServiceAccountEmail");
        releaseChannel = releaseChannel == null ? DEFAULT_RELEASE_CHANNEL : releaseChannel;
        labels = Map.copyOf(labels == null ? Map.of() : labels);
        systemPool = systemPool == null ? SystemPoolProps.DEFAULT : systemPool;
        authorizedNetworks = List.copyOf(authorizedNetworks == null ? List.of() : authorizedNetworks);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder for {@link RegionalTpuClusterProps}. */
    public static final class Builder {
        private String project;
        private String name;
        private String region;
        private String networkId;
        private String subnetworkSelfLink;
        private String nodeServiceAccountEmail;
        private ReleaseChannel releaseChannel;
        private String minimumVersion;
        private boolean deletionProtection = DEFAULT_DELETION_PROTECTION;
        private Map<String, String> labels;
        private SystemPoolProps systemPool;
        private List<String> authorizedNetworks;

        public Builder project(String project) {
            this.project = project;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder networkId(String networkId) {
            this.networkId = networkId;
            return this;
        }

        public Builder subnetworkSelfLink(String subnetworkSelfLink) {
            this.subnetworkSelfLink = subnetworkSelfLink;
            return this;
        }

        public Builder nodeServiceAccountEmail(String nodeServiceAccountEmail) {
            this.nodeServiceAccountEmail = nodeServiceAccountEmail;
            return this;
        }

        public Builder releaseChannel(ReleaseChannel releaseChannel) {
            this.releaseChannel = releaseChannel;
            return this;
        }

        public Builder minimumVersion(String minimumVersion) {
            this.minimumVersion = minimumVersion;
            return this;
        }

        public Builder deletionProtection(boolean deletionProtection) {
            this.deletionProtection = deletionProtection;
            return this;
        }

        public Builder labels(Map<String, String> labels) {
            this.labels = labels;
            return this;
        }

        public Builder systemPool(SystemPoolProps systemPool) {
            this.systemPool = systemPool;
            return this;
        }

        public Builder authorizedNetworks(List<String> authorizedNetworks) {
            this.authorizedNetworks = authorizedNetworks;
            return this;
        }

        public RegionalTpuClusterProps build() {
            return new RegionalTpuClusterProps(project, name, region, networkId, subnetworkSelfLink,
                    nodeServiceAccountEmail, releaseChannel, minimumVersion, deletionProtection, labels, systemPool,
                    authorizedNetworks);
        }
    }
}
