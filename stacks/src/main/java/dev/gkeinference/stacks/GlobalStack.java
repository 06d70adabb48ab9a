package dev.gkeinference.stacks;

import com.hashicorp.cdktf.providers.google.data_google_project.DataGoogleProject;
import dev.gkeinference.constructs.network.InferenceNetwork;
import dev.gkeinference.constructs.network.InferenceNetworkProps;
import dev.gkeinference.constructs.network.NetworkRegion;
import dev.gkeinference.constructs.project.ProjectServices;
import dev.gkeinference.constructs.storage.BucketArtifact;
import dev.gkeinference.constructs.storage.BucketArtifactProps;
import dev.gkeinference.constructs.storage.ModelBucket;
import dev.gkeinference.constructs.storage.ModelBucketProps;
import dev.gkeinference.stacks.config.DeploymentConfig;
import dev.gkeinference.stacks.config.RegionConfig;
import java.util.Optional;
import software.constructs.Construct;

/**
 * What every region shares: the project's APIs, the VPC with each region's subnets, the model-weights bucket and,
 * with the bundled endpoint picker, the routing-plugin jar in that bucket under its content hash.
 */
public class GlobalStack extends InferenceStack {
    /** The bucket folder of the routing-plugin jars; the picker pods mount only this folder. */
    public static final String PICKER_JAR_FOLDER = "routing-plugin";
    static final String JAR_CONTENT_TYPE = "application/java-archive";

    private final DataGoogleProject project;
    private final InferenceNetwork network;
    private final ModelBucket bucket;
    private final BucketArtifact pickerJar;

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
        this.pickerJar = config.serving().pickerBundled() ? new BucketArtifact(this, "picker-jar",
                new BucketArtifactProps(bucket.bucketName(), config.serving().pickerJar(), PICKER_JAR_FOLDER,
                        JAR_CONTENT_TYPE)) : null;
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

    /** The routing-plugin jar in the bucket; empty with the upstream picker. */
    public Optional<BucketArtifact> pickerJar() {
        return Optional.ofNullable(pickerJar);
    }
}
