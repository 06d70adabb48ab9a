package dev.gkeinference.constructs.network;

import com.hashicorp.cdktf.providers.google.compute_firewall.ComputeFirewall;
import com.hashicorp.cdktf.providers.google.compute_firewall.ComputeFirewallAllow;
import com.hashicorp.cdktf.providers.google.compute_network.ComputeNetwork;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * The network of a multi-cluster inference gateway: one VPC (every cluster of a fleet's multi-cluster gateway must
 * share it), per region {@link RegionalSubnets}, and the firewall rules that let Google health checks and the
 * gateway's proxy-only subnets reach the serving ports. The VPC is a new custom-mode one, or an existing VPC
 * ({@link InferenceNetworkProps#existing()}) that the subnets and rules are added to.
 */
public class InferenceNetwork extends Construct implements INetwork {
    /** Source ranges of Google Cloud health checks. */
    public static final List<String> HEALTH_CHECK_RANGES = List.of("130.211.0.0/22", "35.191.0.0/16");

    private final InferenceNetworkProps props;
    private final INetwork vpc;
    private final Map<String, RegionalSubnets> regions = new LinkedHashMap<>();

    public InferenceNetwork(Construct scope, String id, InferenceNetworkProps props) {
        super(scope, id);
        this.props = props;
        this.vpc = props.existing() ? fromNetworkName(this, "existing-vpc", props.project(), props.name())
                : createVpc(props);
        for (NetworkRegion plan : props.regions()) {
            regions.put(plan.region(), new RegionalSubnets(this, props.resourcePrefix(), vpc, plan));
        }
        List<String> proxyRanges = regions.values().stream().map(RegionalSubnets::proxyOnlyRange).toList();
        allowTcp("allow-health-checks", HEALTH_CHECK_RANGES);
        allowTcp("allow-proxy-only", proxyRanges);
    }

    /** Imports an existing VPC by name; the plan fails if it does not exist. */
    public static INetwork fromNetworkName(Construct scope, String id, String project, String name) {
        return new ImportedNetwork(scope, id, project, name);
    }

    private INetwork createVpc(InferenceNetworkProps props) {
        ComputeNetwork network = ComputeNetwork.Builder.create(this, "vpc")
                .project(props.project())
                .name(props.name())
                .autoCreateSubnetworks(false)
                .routingMode("GLOBAL")
                .mtu(props.mtu())
                .build();
        return new CreatedNetwork(props.project(), network.getId(), network.getName());
    }

    private record CreatedNetwork(String project, String networkId, String networkName) implements INetwork {
    }

    private void allowTcp(String id, List<String> sourceRanges) {
        ComputeFirewall.Builder.create(this, id)
                .project(props.project())
                .name(props.resourcePrefix() + "-" + id)
                .network(vpc.networkId())
                .direction("INGRESS")
                .sourceRanges(sourceRanges)
                .allow(List.of(ComputeFirewallAllow.builder()
                        .protocol("tcp")
                        .ports(props.allowedPorts().stream().map(String::valueOf).toList())
                        .build()))
                .build();
    }

    @Override
    public String project() {
        return props.project();
    }

    @Override
    public String networkId() {
        return vpc.networkId();
    }

    @Override
    public String networkName() {
        return vpc.networkName();
    }

    /** The subnets of a region; fails for a region the network was not given. */
    public IRegionalSubnets region(String region) {
        RegionalSubnets subnets = regions.get(region);
        if (subnets == null) {
            throw new IllegalArgumentException("the network has no region '" + region + "': it has "
                    + String.join(", ", regions.keySet()));
        }
        return subnets;
    }
}
