package dev.gkeinference.constructs.gke;

import com.hashicorp.cdktf.Postcondition;
import com.hashicorp.cdktf.Precondition;
import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerCluster;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterAddonsConfig;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterAddonsConfigGcsFuseCsiDriverConfig;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterAddonsConfigHttpLoadBalancing;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterControlPlaneEndpointsConfig;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterControlPlaneEndpointsConfigDnsEndpointConfig;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterControlPlaneEndpointsConfigIpEndpointsConfig;
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
import com.hashicorp.cdktf.providers.google.data_google_container_engine_versions.DataGoogleContainerEngineVersions;
import dev.gkeinference.constructs.network.Cidr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.constructs.Construct;

/**
 * A regional GKE Standard cluster ready for TPU inference behind a multi-cluster Inference Gateway: Dataplane V2
 * (managed DRANET needs it), VPC-native, private nodes, shielded nodes, Workload Identity, the Cloud Storage FUSE
 * CSI driver, HTTP load balancing and the Gateway API (standard channel), the HPA PERFORMANCE profile and managed
 * Prometheus (the custom-metric export the load balancer balances on needs both), and fleet registration through
 * the cluster's own {@code fleet} block (a regional membership).
 *
 * <p>Versions: the cluster names none. It is enrolled in a release channel, GKE creates it at the channel's default
 * and upgrades it. What the features in use need is declared with {@link #requireVersion} and checked at plan time
 * against {@code data.google_container_engine_versions} of the cluster's location (a new cluster) and the running
 * {@code master_version} (an existing one); the plan fails with a message that names the minimum.
 *
 * <p>Control plane: the DNS-based endpoint, protected by IAM, is the way in; there is no IP endpoint unless
 * authorized networks are given, and then only those networks reach it.
 *
 * <p>The default node pool is replaced by a small system pool; accelerator pools are added with
 * {@link #addTpuNodePool}.
 */
public class RegionalTpuCluster extends Construct implements ICluster {
    /** What a cluster's own minimum version is required for, in the plan's message. */
    static final String MINIMUM_VERSION_FEATURE = "this deployment (cluster.minVersion)";
    private static final Pattern NAME = Pattern.compile("[a-z]([-a-z0-9]{0,38}[a-z0-9])?");

    private final RegionalTpuClusterProps props;
    private final ContainerCluster cluster;
    /** Feature → the minimum GKE version it needs, in the order declared. */
    private final Map<String, String> versionFloors = new LinkedHashMap<>();
    private DataGoogleContainerEngineVersions versions;

    public RegionalTpuCluster(Construct scope, String id, RegionalTpuClusterProps props) {
        super(scope, id);
        validate(props);
        this.props = props;
        this.cluster = ContainerCluster.Builder.create(this, "cluster")
                .project(props.project())
                .name(props.name())
                .location(props.region())
                .network(props.network().networkId())
                .subnetwork(props.subnets().nodeSubnetSelfLink())
                .networkingMode("VPC_NATIVE")
                .ipAllocationPolicy(ContainerClusterIpAllocationPolicy.builder()
                        .clusterSecondaryRangeName(props.subnets().podRangeName())
                        .servicesSecondaryRangeName(props.subnets().serviceRangeName())
                        .build())
                .datapathProvider("ADVANCED_DATAPATH")
                .privateClusterConfig(privateClusterConfig(props.authorizedNetworks()))
                .controlPlaneEndpointsConfig(controlPlaneEndpoints(props.authorizedNetworks()))
                .masterAuthorizedNetworksConfig(authorizedNetworks(props.authorizedNetworks()))
                .masterAuth(ContainerClusterMasterAuth.builder()
                        .clientCertificateConfig(ContainerClusterMasterAuthClientCertificateConfig.builder()
                                .issueClientCertificate(false).build())
                        .build())
                .enableShieldedNodes(true)
                .enableLegacyAbac(false)
                .releaseChannel(ContainerClusterReleaseChannel.builder().channel(props.releaseChannel().name())
                        .build())
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
                // A list literal: google 8.x made enable_components a set, which only matters to index references.
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
                // remove_default_node_pool is deprecated from google 8.9, but its replacement (no initial node
                // count) creates a default pool on 7.x: this is the form every supported provider removes.
                .removeDefaultNodePool(true)
                .initialNodeCount(1)
                .nodeConfig(defaultPoolNodeConfig(props.nodeServiceAccountEmail()))
                .lifecycle(lifecycle())
                .build();
        addSystemPool(props.systemPool());
        if (props.minimumVersion() != null) {
            requireVersion(props.minimumVersion(), MINIMUM_VERSION_FEATURE);
        }
    }

    private static void validate(RegionalTpuClusterProps props) {
        if (!Token.isUnresolved(props.name())) {
            requireName(props.name());
        }
        requireMinimumVersion(props.minimumVersion());
        props.authorizedNetworks().stream().filter(cidr -> !Token.isUnresolved(cidr)).forEach(Cidr::parse);
    }

    /** 1-40 lower-case letters, digits or '-', starting with a letter. */
    public static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a cluster name: use 1-40 lower-case letters,"
                    + " digits or '-', starting with a letter");
        }
    }

    /** Absent, or a GKE version or prefix; the floors of the features in use are checked at plan time. */
    public static void requireMinimumVersion(String version) {
        if (version != null && !GkeVersion.isValid(version)) {
            throw new IllegalArgumentException("'" + version + "' is not a GKE version such as "
                    + GkeVersion.MANAGED_DRANET + " or a prefix such as 1.36");
        }
    }

    /** Private nodes always; a public IP endpoint only when there is an IP endpoint at all. */
    private static ContainerClusterPrivateClusterConfig privateClusterConfig(List<String> authorizedNetworks) {
        ContainerClusterPrivateClusterConfig.Builder config = ContainerClusterPrivateClusterConfig.builder()
                .enablePrivateNodes(true);
        if (!authorizedNetworks.isEmpty()) {
            config.enablePrivateEndpoint(false);
        }
        return config.build();
    }

    private static ContainerClusterControlPlaneEndpointsConfig controlPlaneEndpoints(List<String> authorizedNetworks) {
        return ContainerClusterControlPlaneEndpointsConfig.builder()
                .dnsEndpointConfig(ContainerClusterControlPlaneEndpointsConfigDnsEndpointConfig.builder()
                        .allowExternalTraffic(true).build())
                .ipEndpointsConfig(ContainerClusterControlPlaneEndpointsConfigIpEndpointsConfig.builder()
                        .enabled(!authorizedNetworks.isEmpty()).build())
                .build();
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

    /**
     * Imports an existing regional cluster to deploy into. The plan reads it and fails, naming what is missing,
     * unless it has what this deployment needs of a cluster (see {@link ImportedCluster}).
     */
    public static ICluster fromClusterName(Construct scope, String id, ImportedClusterProps props) {
        return new ImportedCluster(scope, id, props);
    }

    /**
     * A new cluster is checked against its channel's default version in its location, the created one against
     * the version it runs.
     */
    @Override
    public void requireVersion(String minimum, String feature) {
        GkeVersion.firstRelease(minimum); // rejects a malformed version here, not at plan time
        if (versions == null) {
            versions = DataGoogleContainerEngineVersions.Builder.create(this, "versions")
                    .project(props.project())
                    .location(props.region())
                    .build();
        }
        versionFloors.put(feature, minimum);
        cluster.setLifecycle(lifecycle());
    }

    private TerraformResourceLifecycle lifecycle() {
        List<Precondition> preconditions = new ArrayList<>();
        List<Postcondition> postconditions = new ArrayList<>();
        versionFloors.forEach((feature, minimum) -> {
            String channelDefault = "data.google_container_engine_versions." + versions.getFriendlyUniqueId()
                    + ".release_channel_default_version[\"" + props.releaseChannel().name() + "\"]";
            preconditions.add(Precondition.builder()
                    .condition(expression(GkeVersion.atLeast(channelDefault, minimum)))
                    .errorMessage("GKE's default version of the " + props.releaseChannel().name() + " channel in "
                            + props.region() + " is older than " + minimum + ", which " + feature
                            + " needs: choose another release channel (cluster.releaseChannel)")
                    .build());
            postconditions.add(GkeVersion.runningAtLeast(props.name(), minimum, feature));
        });
        TerraformResourceLifecycle.Builder lifecycle = TerraformResourceLifecycle.builder()
                .ignoreChanges(List.of("node_config"));
        if (!preconditions.isEmpty()) {
            lifecycle.precondition(preconditions).postcondition(postconditions);
        }
        return lifecycle.build();
    }

    private static String expression(String hcl) {
        return "${" + hcl + "}";
    }

    @Override
    public String project() {
        return props.project();
    }

    @Override
    public String region() {
        return props.region();
    }

    @Override
    public String nodeServiceAccountEmail() {
        return props.nodeServiceAccountEmail();
    }

    @Override
    public Map<String, String> labels() {
        return props.labels();
    }

    @Override
    public String clusterName() {
        return cluster.getName();
    }

    @Override
    public String dnsEndpoint() {
        return cluster.getControlPlaneEndpointsConfig().getDnsEndpointConfig().getEndpoint();
    }

    @Override
    public String fleetMembershipId() {
        return cluster.getFleet().getMembershipId();
    }

    @Override
    public String fleetMembershipLocation() {
        return cluster.getFleet().getMembershipLocation();
    }

    public ContainerCluster resource() {
        return cluster;
    }
}
