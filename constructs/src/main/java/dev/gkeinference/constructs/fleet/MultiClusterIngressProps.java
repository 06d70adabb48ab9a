package dev.gkeinference.constructs.fleet;

import java.util.Objects;

/**
 * Properties of a {@link MultiClusterIngress}.
 *
 * @param project          the fleet host project
 * @param configMembership the membership of the config cluster, which holds Gateways and HTTPRoutes
 * @param serviceDiscovery the fleet's service discovery feature, enabled first
 */
public record MultiClusterIngressProps(FleetProject project, FleetMembership configMembership,
        MultiClusterServiceDiscovery serviceDiscovery) {

    public MultiClusterIngressProps {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(configMembership, "configMembership");
        Objects.requireNonNull(serviceDiscovery, "serviceDiscovery");
    }
}
