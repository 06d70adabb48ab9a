package dev.gkeinference.stacks;

import com.hashicorp.cdktf.providers.google.data_google_project.DataGoogleProject;
import dev.gkeinference.constructs.fleet.FleetMembership;
import dev.gkeinference.constructs.fleet.FleetProject;
import dev.gkeinference.constructs.fleet.MultiClusterIngress;
import dev.gkeinference.constructs.fleet.MultiClusterIngressProps;
import dev.gkeinference.constructs.fleet.MultiClusterServiceDiscovery;
import dev.gkeinference.stacks.plan.StackSettings;
import java.util.Collection;
import software.constructs.Construct;

/**
 * The fleet's multi-cluster features: service discovery, and multi-cluster ingress with the config cluster's
 * membership (the regional one its {@code fleet} block registered), with their IAM.
 *
 * <p>It depends on every cluster stack, so that {@code cdktf destroy} removes the features before any cluster:
 * the controllers recreate firewall rules as long as the features exist.
 */
public class FleetStack extends InferenceStack {
    private final MultiClusterServiceDiscovery serviceDiscovery;
    private final MultiClusterIngress ingress;

    public FleetStack(Construct scope, String id, StackSettings settings, ClusterStack configCluster,
            Collection<ClusterStack> allClusters) {
        super(scope, id, settings, null);
        DataGoogleProject project = DataGoogleProject.Builder.create(this, "project")
                .projectId(settings.project()).build();
        FleetProject fleet = new FleetProject(settings.project(), project.getNumber());
        this.serviceDiscovery = new MultiClusterServiceDiscovery(this, "mcs", fleet);
        this.ingress = new MultiClusterIngress(this, "mci", new MultiClusterIngressProps(fleet,
                FleetMembership.registeredBy(configCluster.cluster(), settings.project()),
                serviceDiscovery));
        allClusters.forEach(this::addDependency);
    }

    public MultiClusterServiceDiscovery serviceDiscovery() {
        return serviceDiscovery;
    }

    public MultiClusterIngress ingress() {
        return ingress;
    }
}
