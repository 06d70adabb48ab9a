package dev.gkeinference.constructs.network;

import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.providers.google.compute_router.ComputeRouter;
import com.hashicorp.cdktf.providers.google.compute_router_nat.ComputeRouterNat;
import com.hashicorp.cdktf.providers.google.compute_router_nat.ComputeRouterNatLogConfig;
import com.hashicorp.cdktf.providers.google.compute_router_nat.ComputeRouterNatSubnetwork;
import com.hashicorp.cdktf.providers.google.compute_subnetwork.ComputeSubnetwork;
import com.hashicorp.cdktf.providers.google.compute_subnetwork.ComputeSubnetworkSecondaryIpRange;
import com.hashicorp.cdktf.providers.google.data_google_compute_subnetwork.DataGoogleComputeSubnetwork;
import java.util.List;
import software.constructs.Construct;

/**
 * One region of an {@link InferenceNetwork}: the node subnet (private Google access, secondary ranges for pods
 * and services) with Cloud Router + NAT so private nodes can pull images, and the {@code GLOBAL_MANAGED_PROXY}
 * subnet a cross-region internal Application Load Balancer needs in every region it serves. Either subnet may
 * exist already ({@link NetworkRegion}); an existing node subnet keeps its own egress (a subnet range can be served
 * by one NAT gateway only), and a region whose cluster exists has no node subnet here.
 */
public class RegionalSubnets extends Construct implements IRegionalSubnets {
    /** Secondary range name for pod IPs of a created node subnet. */
    public static final String POD_RANGE = "pods";
    /** Secondary range name for Service IPs of a created node subnet. */
    public static final String SERVICE_RANGE = "services";

    private final String region;
    private final IRegionalSubnets nodes;
    private final String proxyOnlyRange;

    RegionalSubnets(Construct scope, String prefix, INetwork network, NetworkRegion plan) {
        super(scope, plan.region());
        this.region = plan.region();
        String resourcePrefix = prefix + "-" + region;
        ComputeSubnetwork created = plan.createsNodeSubnet() ? createNodeSubnet(network, resourcePrefix, plan) : null;
        if (created != null) {
            this.nodes = new CreatedSubnet(region, created.getSelfLink());
        } else if (plan.existingNodeSubnet() != null) {
            this.nodes = fromSubnetName(this, "existing-nodes", network.project(), region, network.networkName(),
                    plan.existingNodeSubnet());
        } else {
            this.nodes = null;
        }
        this.proxyOnlyRange = plan.proxyOnly() != null
                ? createProxyOnlySubnet(network, resourcePrefix, plan.proxyOnly())
                : readProxyOnlySubnet(network, plan.existingProxyOnlySubnet());
        if (created != null) {
            addNat(network, resourcePrefix, created);
        }
    }

    /**
     * Imports an existing node subnet of {@code networkName} in {@code region}; the plan checks that it is in that
     * VPC and has both secondary ranges.
     */
    public static IRegionalSubnets fromSubnetName(Construct scope, String id, String project, String region,
            String networkName, ExistingSubnet subnet) {
        return new ImportedSubnets(scope, id, project, region, networkName, subnet);
    }

    private record CreatedSubnet(String region, String nodeSubnetSelfLink) implements IRegionalSubnets {
        @Override
        public String podRangeName() {
            return POD_RANGE;
        }

        @Override
        public String serviceRangeName() {
            return SERVICE_RANGE;
        }
    }

    private ComputeSubnetwork createNodeSubnet(INetwork network, String prefix, NetworkRegion plan) {
        return ComputeSubnetwork.Builder.create(this, "nodes")
                .project(network.project())
                .name(prefix + "-nodes")
                .region(region)
                .network(network.networkId())
                .ipCidrRange(plan.nodes())
                .privateIpGoogleAccess(true)
                .secondaryIpRange(List.of(
                        ComputeSubnetworkSecondaryIpRange.builder().rangeName(POD_RANGE).ipCidrRange(plan.pods()).build(),
                        ComputeSubnetworkSecondaryIpRange.builder().rangeName(SERVICE_RANGE)
                                .ipCidrRange(plan.services()).build()))
                .build();
    }

    private String createProxyOnlySubnet(INetwork network, String prefix, String cidr) {
        ComputeSubnetwork.Builder.create(this, "proxy-only")
                .project(network.project())
                .name(prefix + "-proxy-only")
                .region(region)
                .network(network.networkId())
                .ipCidrRange(cidr)
                .purpose("GLOBAL_MANAGED_PROXY")
                .role("ACTIVE")
                .build();
        return cidr;
    }

    /** An existing proxy-only subnet's range, which the firewall admits; the plan checks it is in the VPC. */
    private String readProxyOnlySubnet(INetwork network, String name) {
        return DataGoogleComputeSubnetwork.Builder.create(this, "existing-proxy-only")
                .project(network.project()).region(region).name(name)
                .lifecycle(TerraformResourceLifecycle.builder().postcondition(List.of(
                        ImportedSubnets.inNetwork(name, region, network.networkName()))).build())
                .build().getIpCidrRange();
    }

    private void addNat(INetwork network, String prefix, ComputeSubnetwork subnet) {
        ComputeRouter router = ComputeRouter.Builder.create(this, "router")
                .project(network.project())
                .name(prefix + "-router")
                .region(region)
                .network(network.networkId())
                .build();
        ComputeRouterNat.Builder.create(this, "nat")
                .project(network.project())
                .name(prefix + "-nat")
                .region(region)
                .router(router.getName())
                .natIpAllocateOption("AUTO_ONLY")
                .sourceSubnetworkIpRangesToNat("LIST_OF_SUBNETWORKS")
                .subnetwork(List.of(ComputeRouterNatSubnetwork.builder()
                        .name(subnet.getId())
                        .sourceIpRangesToNat(List.of("ALL_IP_RANGES"))
                        .build()))
                .logConfig(ComputeRouterNatLogConfig.builder().enable(true).filter("ERRORS_ONLY").build())
                .build();
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public String nodeSubnetSelfLink() {
        return nodes().nodeSubnetSelfLink();
    }

    @Override
    public String podRangeName() {
        return nodes().podRangeName();
    }

    @Override
    public String serviceRangeName() {
        return nodes().serviceRangeName();
    }

    /** The range of the region's proxy-only subnet (a token when the subnet exists), which the firewall admits. */
    String proxyOnlyRange() {
        return proxyOnlyRange;
    }

    private IRegionalSubnets nodes() {
        if (nodes == null) {
            throw new IllegalStateException("region " + region + " has no node subnet in this network: its cluster"
                    + " exists and brings its own");
        }
        return nodes;
    }
}
