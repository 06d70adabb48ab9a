package dev.gkeinference.constructs.network;

import com.hashicorp.cdktf.providers.google.compute_router.ComputeRouter;
import com.hashicorp.cdktf.providers.google.compute_router_nat.ComputeRouterNat;
import com.hashicorp.cdktf.providers.google.compute_router_nat.ComputeRouterNatLogConfig;
import com.hashicorp.cdktf.providers.google.compute_router_nat.ComputeRouterNatSubnetwork;
import com.hashicorp.cdktf.providers.google.compute_subnetwork.ComputeSubnetwork;
import com.hashicorp.cdktf.providers.google.compute_subnetwork.ComputeSubnetworkSecondaryIpRange;
import java.util.List;
import software.constructs.Construct;

/**
 * One region of an {@link InferenceNetwork}: the node subnet (private Google access, secondary ranges for pods
 * and services), the {@code GLOBAL_MANAGED_PROXY} subnet a cross-region internal Application Load Balancer needs
 * in every region it serves, and Cloud Router + NAT so private nodes can pull images.
 */
public class RegionalSubnets extends Construct {
    /** Secondary range name for pod IPs. */
    public static final String POD_RANGE = "pods";
    /** Secondary range name for Service IPs. */
    public static final String SERVICE_RANGE = "services";

    private final String region;
    private final ComputeSubnetwork nodes;

    RegionalSubnets(Construct scope, String project, String networkName, String networkId, NetworkRegion plan) {
        super(scope, plan.region());
        this.region = plan.region();
        String prefix = networkName + "-" + region;
        this.nodes = ComputeSubnetwork.Builder.create(this, "nodes")
                .project(project)
                .name(prefix + "-nodes")
                .region(region)
                .network(networkId)
                .ipCidrRange(plan.nodes())
                .privateIpGoogleAccess(true)
                .secondaryIpRange(List.of(
                        ComputeSubnetworkSecondaryIpRange.builder().rangeName(POD_RANGE).ipCidrRange(plan.pods()).build(),
                        ComputeSubnetworkSecondaryIpRange.builder().rangeName(SERVICE_RANGE)
                                .ipCidrRange(plan.services()).build()))
                .build();
        ComputeSubnetwork.Builder.create(this, "proxy-only")
                .project(project)
                .name(prefix + "-proxy-only")
                .region(region)
                .network(networkId)
                .ipCidrRange(plan.proxyOnly())
                .purpose("GLOBAL_MANAGED_PROXY")
                .role("ACTIVE")
                .build();
        ComputeRouter router = ComputeRouter.Builder.create(this, "router")
                .project(project)
                .name(prefix + "-router")
                .region(region)
                .network(networkId)
                .build();
        ComputeRouterNat.Builder.create(this, "nat")
                .project(project)
                .name(prefix + "-nat")
                .region(region)
                .router(router.getName())
                .natIpAllocateOption("AUTO_ONLY")
                .sourceSubnetworkIpRangesToNat("LIST_OF_SUBNETWORKS")
                .subnetwork(List.of(ComputeRouterNatSubnetwork.builder()
                        .name(nodes.getId())
                        .sourceIpRangesToNat(List.of("ALL_IP_RANGES"))
                        .build()))
                .logConfig(ComputeRouterNatLogConfig.builder().enable(true).filter("ERRORS_ONLY").build())
                .build();
    }

    public String region() {
        return region;
    }

    /** The node subnet's self link, for a cluster's {@code subnetwork}. */
    public String nodeSubnetSelfLink() {
        return nodes.getSelfLink();
    }
}
