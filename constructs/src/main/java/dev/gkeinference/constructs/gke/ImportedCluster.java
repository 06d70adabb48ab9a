package dev.gkeinference.constructs.gke;

import com.hashicorp.cdktf.Postcondition;
import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.providers.google.data_google_container_cluster.DataGoogleContainerCluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * An existing regional cluster, read at plan time. The plan fails, naming the setting and the command that turns
 * it on, unless the cluster has what {@link RegionalTpuCluster} gives a cluster it creates and this deployment
 * relies on; it also fails when the cluster runs a GKE version older than a feature in use needs.
 */
final class ImportedCluster extends Construct implements ICluster {
    /** A condition on the cluster's attributes, what it means when it fails, and how to mend it. */
    private record Requirement(String problem, String condition, String fix) {
    }

    private final ImportedClusterProps props;
    private final DataGoogleContainerCluster cluster;
    /** Feature → the minimum GKE version it needs, in the order declared. */
    private final Map<String, String> versionFloors = new LinkedHashMap<>();

    ImportedCluster(Construct scope, String id, ImportedClusterProps props) {
        super(scope, id);
        this.props = props;
        this.cluster = DataGoogleContainerCluster.Builder.create(this, "cluster")
                .project(props.project())
                .name(props.name())
                .location(props.region())
                .lifecycle(lifecycle())
                .build();
        if (props.minimumVersion() != null) {
            requireVersion(props.minimumVersion(), RegionalTpuCluster.MINIMUM_VERSION_FEATURE);
        }
    }

    private List<Requirement> requirements() {
        String workloadPool = props.project() + ".svc.id.goog";
        List<Requirement> requirements = new ArrayList<>(List.of(
                new Requirement("has no Dataplane V2, which managed DRANET needs",
                        "self.datapath_provider == \"ADVANCED_DATAPATH\"",
                        "it is chosen at creation (--enable-dataplane-v2)"),
                new Requirement("has no Workload Identity with the pool " + workloadPool,
                        "try(self.workload_identity_config[0].workload_pool, \"\") == \"" + workloadPool + "\"",
                        "gcloud container clusters update " + props.name() + " --workload-pool=" + workloadPool),
                new Requirement("has no Cloud Storage FUSE CSI driver, which mounts the weights",
                        "try(self.addons_config[0].gcs_fuse_csi_driver_config[0].enabled, false)",
                        "gcloud container clusters update " + props.name()
                                + " --update-addons GcsFuseCsiDriver=ENABLED"),
                new Requirement("has HTTP load balancing off, which the gateway's NEGs need",
                        "!try(self.addons_config[0].http_load_balancing[0].disabled, false)",
                        "gcloud container clusters update " + props.name()
                                + " --update-addons HttpLoadBalancing=ENABLED"),
                new Requirement("has no Gateway API standard channel",
                        "try(self.gateway_api_config[0].channel, \"\") == \"CHANNEL_STANDARD\"",
                        "gcloud container clusters update " + props.name() + " --gateway-api=standard"),
                new Requirement("has no managed Prometheus, which exports the metric the gateway balances on",
                        "try(self.monitoring_config[0].managed_prometheus[0].enabled, false)",
                        "gcloud container clusters update " + props.name() + " --enable-managed-prometheus"),
                new Requirement("has no HPA PERFORMANCE profile, which custom-metric export needs",
                        "try(self.pod_autoscaling[0].hpa_profile, \"\") == \"PERFORMANCE\"",
                        "gcloud container clusters update " + props.name() + " --hpa-profile=performance"),
                new Requirement("has no DNS endpoint open to external traffic, which Terraform's Kubernetes provider uses",
                        "try(self.control_plane_endpoints_config[0].dns_endpoint_config[0].allow_external_traffic,"
                                + " false)",
                        "gcloud container clusters update " + props.name() + " --enable-dns-access"),
                new Requirement("has no fleet membership, which multi-cluster services and the gateway need",
                        "try(self.fleet[0].membership_id, \"\") != \"\"",
                        "gcloud container clusters update " + props.name() + " --fleet-project=" + props.project())));
        if (props.networkName() != null) {
            String vpc = props.networkName();
            requirements.add(new Requirement("is not in VPC " + vpc + ", which every cluster of the gateway shares",
                    "self.network == \"" + vpc + "\" || endswith(self.network, \"/networks/" + vpc + "\")",
                    "deploy into the VPC the cluster is in (network.name)"));
        }
        return requirements;
    }

    private TerraformResourceLifecycle lifecycle() {
        List<Postcondition> checks = new ArrayList<>();
        for (Requirement requirement : requirements()) {
            checks.add(check(requirement.condition(), "cluster " + props.name() + " in " + props.region()
                    + " " + requirement.problem() + ": " + requirement.fix()));
        }
        versionFloors.forEach((feature, minimum) -> checks.add(GkeVersion.runningAtLeast(props.name(), minimum,
                feature)));
        return TerraformResourceLifecycle.builder().postcondition(checks).build();
    }

    private static Postcondition check(String hcl, String message) {
        return Postcondition.builder().condition("${" + hcl + "}").errorMessage(message).build();
    }

    @Override
    public void requireVersion(String minimum, String feature) {
        GkeVersion.firstRelease(minimum); // rejects a malformed version here, not at plan time
        versionFloors.put(feature, minimum);
        cluster.setLifecycle(lifecycle());
    }

    @Override
    public String project() {
        return props.project();
    }

    @Override
    public String region() {
        return props.region();
    }

    /** The name as given: the cluster exists, nothing needs ordering after it. */
    @Override
    public String clusterName() {
        return props.name();
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
    public String dnsEndpoint() {
        return cluster.getControlPlaneEndpointsConfig().get(0).getDnsEndpointConfig().get(0).getEndpoint();
    }

    @Override
    public String fleetMembershipId() {
        return cluster.getFleet().get(0).getMembershipId();
    }

    @Override
    public String fleetMembershipLocation() {
        return cluster.getFleet().get(0).getMembershipLocation();
    }
}
