package dev.gkeinference.constructs.network;

import com.hashicorp.cdktf.Postcondition;
import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.providers.google.data_google_compute_subnetwork.DataGoogleComputeSubnetwork;
import java.util.List;
import software.constructs.Construct;

/**
 * An existing node subnet, read at plan time. The plan fails unless it is in the deployment's VPC and has both
 * secondary ranges it is said to have: a cluster created on it would otherwise fail minutes into its creation.
 */
final class ImportedSubnets extends Construct implements IRegionalSubnets {
    private final String region;
    private final ExistingSubnet subnet;
    private final DataGoogleComputeSubnetwork data;

    ImportedSubnets(Construct scope, String id, String project, String region, String networkName,
            ExistingSubnet subnet) {
        super(scope, id);
        NetworkRegion.requireRegion(region);
        this.region = region;
        this.subnet = subnet;
        this.data = DataGoogleComputeSubnetwork.Builder.create(this, "nodes")
                .project(project).region(region).name(subnet.name())
                .lifecycle(TerraformResourceLifecycle.builder().postcondition(List.of(inNetwork(subnet.name(), region, networkName),
                        hasRange(subnet.podRange(), "pods"), hasRange(subnet.serviceRange(), "Services"))).build())
                .build();
    }

    /** A plan-time check that an existing subnet is in the VPC. */
    static Postcondition inNetwork(String subnetName, String region, String networkName) {
        return Postcondition.builder()
                .condition("${endswith(self.network, \"/networks/" + networkName + "\")}")
                .errorMessage("subnet " + subnetName + " in " + region + " is not in VPC " + networkName
                        + ": every cluster of a multi-cluster gateway must be in one VPC")
                .build();
    }

    private Postcondition hasRange(String range, String of) {
        return Postcondition.builder()
                .condition("${contains(self.secondary_ip_range[*].range_name, \"" + range + "\")}")
                .errorMessage("subnet " + subnet.name() + " in " + region + " has no secondary range '" + range
                        + "' for " + of + ": add it, or name one it has")
                .build();
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public String nodeSubnetSelfLink() {
        return data.getSelfLink();
    }

    @Override
    public String podRangeName() {
        return subnet.podRange();
    }

    @Override
    public String serviceRangeName() {
        return subnet.serviceRange();
    }
}
