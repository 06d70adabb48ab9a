package dev.gkeinference.constructs.network;

import com.hashicorp.cdktf.providers.google.compute_firewall.ComputeFirewall;
import com.hashicorp.cdktf.providers.google.compute_firewall.ComputeFirewallAllow;
import com.hashicorp.cdktf.providers.google.compute_network.ComputeNetwork;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * A custom-mode VPC for multi-cluster inference: every cluster of a fleet's multi-cluster gateway must share one
 * VPC. Per region it holds {@link RegionalSubnets}; globally, the firewall rules that let Google health checks and
 * the gateway's proxy-only subnets reach the serving ports.
 */
public class InferenceNetwork extends Construct {
    /** Source ranges of Google Cloud health checks. */
    public static final List<String> HEALTH_CHECK_RANGES = List.of("130.211.0.0/22", "35.191.0.0/16");

    private final ComputeNetwork vpc;
    private final Map<String, RegionalSubnets> regions = new LinkedHashMap<>();

    public InferenceNetwork(Construct scope, String id, InferenceNetworkProps props) {
        super(scope, id);
        this.vpc = ComputeNetwork.Builder.create(this, "vpc")
                .project(props.project())
                .name(props.name())
                .autoCreateSubnetworks(false)
                .routingMode("GLOBAL")
                .mtu(props.mtu())
                .build();
        for (NetworkRegion plan : props.regions()) {
            regions.put(plan.region(), new RegionalSubnets(this, props.project(), props.name(), vpc.getId(), plan));
        }
        List<String> proxyRanges = props.regions().stream().map(NetworkRegion::proxyOnly).toList();
        allowTcp(props, "allow-health-checks", HEALTH_CHECK_RANGES);
        allowTcp(props, "allow-proxy-only", proxyRanges);
    }

    private void allowTcp(InferenceNetworkProps props, String id, List<String> sourceRanges) {
        ComputeFirewall.Builder.create(this, id)
                .project(props.project())
                .name(props.name() + "-" + id)
                .network(vpc.getId())
                .direction("INGRESS")
                .sourceRanges(sourceRanges)
                .allow(List.of(ComputeFirewallAllow.builder()
                        .protocol("tcp")
                        .ports(props.allowedPorts().stream().map(String::valueOf).toList())
                        .build()))
                .build();
    }

    /** The VPC's id ({@code projects/P/global/networks/N}). */
    public String networkId() {
        return vpc.getId();
    }

    public String networkSelfLink() {
        return vpc.getSelfLink();
    }

    public String networkName() {
        return vpc.getName();
    }

    /** The subnets of a region; fails for a region the network was not given. */
    public RegionalSubnets region(String region) {
        RegionalSubnets subnets = regions.get(region);
        if (subnets == null) {
            throw new IllegalArgumentException("the network has no region '" + region + "': it has "
                    + String.join(", ", regions.keySet()));
        }
        return subnets;
    }
}
