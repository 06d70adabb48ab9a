package dev.gkeinference.constructs.gke;

import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerCluster;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterAddonsConfig;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterAddonsConfigGcsFuseCsiDriverConfig;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterAddonsConfigHttpLoadBalancing;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterFleet;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterGatewayApiConfig;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterIpAllocationPolicy;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterMasterAuth;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterMasterAuthClientCertificateConfig;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterMasterAuthorizedNetworksConfig;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterMasterAuthorizedNetworksConfigCidrBlocks;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterMonitoringConfig;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterMonitoringConfigManagedPrometheus;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterNodeConfig;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterNodeConfigShieldedInstanceConfig;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterNodeConfigWorkloadMetadataConfig;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterPodAutoscaling;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterPrivateClusterConfig;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterReleaseChannel;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterWorkloadIdentityConfig;
import com.hashicorp.cdktf.providers.google.container_node_pool.ContainerNodePool;
import com.hashicorp.cdktf.providers.google.container_node_pool.ContainerNodePoolAutoscaling;
import com.hashicorp.cdktf.providers.google.container_node_pool.ContainerNodePoolManagement;
import dev.gkeinference.constructs.network.RegionalSubnets;
import java.util.List;
import java.util.regex.Pattern;
import software.constructs.Construct;

/**
 * A regional GKE Standard cluster ready for TPU inference behind a multi-cluster Inference Gateway: Dataplane V2
 * (managed DRANET needs it), VPC-native, private nodes, shielded nodes, Workload Identity, the Cloud Storage FUSE
 * CSI driver, HTTP load balancing and the Gateway API (standard channel), the RAPID channel with the HPA
 * PERFORMANCE profile and managed Prometheus (the custom-metric export the load balancer balances on needs all
 * three), and fleet registration through the cluster's own {@code fleet} block (a regional membership).
 *
 * <p>The default node pool is replaced by a small system pool; accelerator pools are added with
 * {@link #addTpuNodePool}.
 */
public class RegionalTpuCluster extends Construct {
    /** First GKE version with managed DRANET on Standard clusters. */
    public static final String MIN_DRANET_VERSION = "1.34.1-gke.1829001";
    /** Custom-metric export for load balancing is served in the Rapid channel. */
    public static final String RELEASE_CHANNEL = "RAPID";

    private static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]{0,38}[a-z0-9])?");

    private final RegionalTpuClusterProps props;
    private final ContainerCluster cluster;

    public RegionalTpuCluster(Construct scope, String id, RegionalTpuClusterProps props) {
        super(scope, id);
        validate(props);
        this.props = props;
        this.cluster = ContainerCluster.Builder.create(this, "cluster")
                .project(props.project())
                .name(props.name())
                .location(props.region())
                .network(props.networkId())
                .subnetwork(props.subnetworkSelfLink())
                .networkingMode("VPC_NATIVE")
                .ipAllocationPolicy(ContainerClusterIpAllocationPolicy.builder()
                        .clusterSecondaryRangeName(RegionalSubnets.POD_RANGE)
                        .servicesSecondaryRangeName(RegionalSubnets.SERVICE_RANGE)
                        .build())
                .datapathProvider("ADVANCED_DATAPATH")
                .privateClusterConfig(ContainerClusterPrivateClusterConfig.builder()
                        .enablePrivateNodes(true).enablePrivateEndpoint(false).build())
                .masterAuthorizedNetworksConfig(authorizedNetworks(props.authorizedNetworks()))
                .masterAuth(ContainerClusterMasterAuth.builder()
                        .clientCertificateConfig(ContainerClusterMasterAuthClientCertificateConfig.builder()
                                .issueClientCertificate(false).build())
                        .build())
                .enableShieldedNodes(true)
                .enableLegacyAbac(false)
                .minMasterVersion(props.minMasterVersion())
                .releaseChannel(ContainerClusterReleaseChannel.builder().channel(RELEASE_CHANNEL).build())
                .gatewayApiConfig(ContainerClusterGatewayApiConfig.builder().channel("CHANNEL_STANDARD").build())
                .workloadIdentityConfig(ContainerClusterWorkloadIdentityConfig.builder()
                        .workloadPool(props.project() + ".svc.id.goog").build())
                .addonsConfig(ContainerClusterAddonsConfig.builder()
                        .gcsFuseCsiDriverConfig(ContainerClusterAddonsConfigGcsFuseCsiDriverConfig.builder()
                                .enabled(true).build())
                        .httpLoadBalancing(ContainerClusterAddonsConfigHttpLoadBalancing.builder()
                                .disabled(false).build())
                        .build())
                .podAutoscaling(ContainerClusterPodAutoscaling.builder().hpaProfile("PERFORMANCE").build())
                .monitoringConfig(ContainerClusterMonitoringConfig.builder()
                        .enableComponents(List.of("SYSTEM_COMPONENTS"))
                        .managedPrometheus(ContainerClusterMonitoringConfigManagedPrometheus.builder()
                                .enabled(true).build())
                        .build())
                .fleet(ContainerClusterFleet.builder().project(props.project()).build())
                .resourceLabels(props.labels())
                .deletionProtection(props.deletionProtection())
                // The default pool only exists while the cluster is created; it must not run as the Compute
                // default service account either. Changes to it are meaningless after removal.
                .removeDefaultNodePool(true)
                .initialNodeCount(1)
                .nodeConfig(defaultPoolNodeConfig(props.nodeServiceAccountEmail()))
                .lifecycle(TerraformResourceLifecycle.builder().ignoreChanges(List.of("node_config")).build())
                .build();
        addSystemPool(props.systemPool());
    }

    private static void validate(RegionalTpuClusterProps props) {
        if (!Token.isUnresolved(props.name())) {
            requireName(props.name());
        }
        requireMinMasterVersion(props.minMasterVersion());
    }

    /** 1-40 lower-case letters, digits or '-', starting with a letter. */
    public static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a cluster name: use 1-40 lower-case letters,"
                    + " digits or '-', starting with a letter");
        }
    }

    /** A GKE version, at least {@value #MIN_DRANET_VERSION}. */
    public static void requireMinMasterVersion(String version) {
        if (!GkeVersion.isValid(version)) {
            throw new IllegalArgumentException("'" + version + "' is not a GKE version such as " + MIN_DRANET_VERSION
                    + " or 1.35");
        }
        if (!GkeVersion.atLeast(version, MIN_DRANET_VERSION)) {
            throw new IllegalArgumentException("'" + version + "' does not support managed DRANET: use "
                    + MIN_DRANET_VERSION + " or later");
        }
    }

    private static ContainerClusterMasterAuthorizedNetworksConfig authorizedNetworks(List<String> cidrs) {
        if (cidrs.isEmpty()) {
            return null;
        }
        return ContainerClusterMasterAuthorizedNetworksConfig.builder()
                .cidrBlocks(cidrs.stream().map(cidr -> ContainerClusterMasterAuthorizedNetworksConfigCidrBlocks
                        .builder().cidrBlock(cidr).displayName(cidr).build()).toList())
                .build();
    }

    private static ContainerClusterNodeConfig defaultPoolNodeConfig(String serviceAccountEmail) {
        return ContainerClusterNodeConfig.builder()
                .serviceAccount(serviceAccountEmail)
                .oauthScopes(HardenedNodeConfig.OAUTH_SCOPES)
                .workloadMetadataConfig(ContainerClusterNodeConfigWorkloadMetadataConfig.builder()
                        .mode("GKE_METADATA").build())
                .shieldedInstanceConfig(ContainerClusterNodeConfigShieldedInstanceConfig.builder()
                        .enableSecureBoot(true).enableIntegrityMonitoring(true).build())
                .build();
    }

    private void addSystemPool(SystemPoolProps system) {
        ContainerNodePool.Builder.create(this, "system-pool")
                .project(props.project())
                .name("system")
                .cluster(cluster.getName())
                .location(props.region())
                .initialNodeCount(Math.max(1, system.minNodes()))
                .autoscaling(ContainerNodePoolAutoscaling.builder()
                        .minNodeCount(system.minNodes()).maxNodeCount(system.maxNodes()).build())
                .management(ContainerNodePoolManagement.builder().autoRepair(true).autoUpgrade(true).build())
                .nodeConfig(HardenedNodeConfig.builder(system.machineType(), props.nodeServiceAccountEmail(),
                        props.labels()).build())
                .build();
    }

    /** Adds a single-zone TPU node pool with managed DRANET. */
    public DranetTpuNodePool addTpuNodePool(String id, DranetTpuNodePoolProps poolProps) {
        return new DranetTpuNodePool(this, id, this, poolProps);
    }

    public String project() {
        return props.project();
    }

    public String region() {
        return props.region();
    }

    public String nodeServiceAccountEmail() {
        return props.nodeServiceAccountEmail();
    }

    java.util.Map<String, String> labels() {
        return props.labels();
    }

    /** The cluster name, as a reference (orders dependants after the cluster). */
    public String clusterName() {
        return cluster.getName();
    }

    /** The control plane endpoint (an IP address or DNS name), for a Kubernetes provider. */
    public String endpoint() {
        return cluster.getEndpoint();
    }

    /** Base64 PEM of the cluster CA, for a Kubernetes provider. */
    public String caCertificate() {
        return cluster.getMasterAuth().getClusterCaCertificate();
    }

    /** Fleet membership id, as registered by the {@code fleet} block. */
    public String fleetMembershipId() {
        return cluster.getFleet().getMembershipId();
    }

    /** Fleet membership location: the cluster's region for a membership made by the {@code fleet} block. */
    public String fleetMembershipLocation() {
        return cluster.getFleet().getMembershipLocation();
    }

    public ContainerCluster resource() {
        return cluster;
    }
}
