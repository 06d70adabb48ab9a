package dev.gkeinference.stacks;

import com.hashicorp.cdktf.providers.google.data_google_project.DataGoogleProject;
import dev.gkeinference.constructs.network.InferenceNetwork;
import dev.gkeinference.constructs.network.InferenceNetworkProps;
import dev.gkeinference.constructs.network.NetworkRegion;
import dev.gkeinference.constructs.project.ProjectServices;
import dev.gkeinference.constructs.storage.ModelBucket;
import dev.gkeinference.constructs.storage.ModelBucketProps;
import dev.gkeinference.stacks.config.DeploymentConfig;
import dev.gkeinference.stacks.config.RegionConfig;
import software.constructs.Construct;

/**
 * What every region shares: the project's APIs, the VPC with each region's subnets, and the model-weights bucket.
 */
public class GlobalStack extends InferenceStack {
    private final DataGoogleProject project;
    private final InferenceNetwork network;
    private final ModelBucket bucket;

    public GlobalStack(Construct scope, String id, DeploymentConfig config) {
        super(scope, id, config, null);
        ProjectServices services = new ProjectServices(this, "services", config.project(),
                ProjectServices.INFERENCE_APIS);
        this.project = DataGoogleProject.Builder.create(this, "project").projectId(config.project()).build();
        this.network = new InferenceNetwork(this, "network", InferenceNetworkProps.builder()
                .project(config.project())
                .name(config.networkName())
                .mtu(config.networkMtu())
                .regions(config.regions().stream().map(GlobalStack::addressPlan).toList())
                .build());
        network.getNode().addDependency(services);
        this.bucket = new ModelBucket(this, "model-bucket", ModelBucketProps.builder()
                .name(config.bucketName())
                .location(config.bucketLocation())
                .labels(config.labels())
                .build());
        bucket.getNode().addDependency(services);
    }

    private static NetworkRegion addressPlan(RegionConfig region) {
        return new NetworkRegion(region.region(), region.cidrs().nodes(), region.cidrs().pods(),
                region.cidrs().services(), region.cidrs().proxyOnly());
    }

    /** The project number, which Workload Identity principals are named with. */
    public String projectNumber() {
        return project.getNumber();
    }

    public InferenceNetwork network() {
        return network;
    }

    public ModelBucket bucket() {
        return bucket;
    }
}
