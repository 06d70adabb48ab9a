package dev.gkeinference.stacks;

import com.hashicorp.cdktf.providers.google.data_google_project.DataGoogleProject;
import dev.gkeinference.constructs.network.InferenceNetwork;
import dev.gkeinference.constructs.project.ProjectServices;
import dev.gkeinference.constructs.storage.BucketArtifact;
import dev.gkeinference.constructs.storage.BucketArtifactProps;
import dev.gkeinference.constructs.storage.IBucket;
import dev.gkeinference.constructs.storage.ModelBucket;
import dev.gkeinference.stacks.plan.GlobalPlan;
import dev.gkeinference.stacks.plan.StackSettings;
import java.util.Optional;
import software.constructs.Construct;

/**
 * What every region shares: the project's APIs, the VPC with each region's subnets, the model-weights bucket (unless
 * it exists) and, with the bundled endpoint picker, the routing-plugin jar in that bucket under its content hash.
 */
public class GlobalStack extends InferenceStack {
    /** The bucket folder of the routing-plugin jars; the picker pods mount only this folder. */
    public static final String PICKER_JAR_FOLDER = "routing-plugin";
    static final String JAR_CONTENT_TYPE = "application/java-archive";
    private static final String BUCKET_ID = "model-bucket";

    private final DataGoogleProject project;
    private final InferenceNetwork network;
    private final IBucket bucket;
    private final BucketArtifact pickerJar;

    public GlobalStack(Construct scope, String id, StackSettings settings, GlobalPlan plan) {
        super(scope, id, settings, null);
        ProjectServices services = new ProjectServices(this, "services", settings.project(),
                ProjectServices.INFERENCE_APIS);
        this.project = DataGoogleProject.Builder.create(this, "project").projectId(settings.project()).build();
        this.network = new InferenceNetwork(this, "network", plan.network());
        network.getNode().addDependency(services);
        this.bucket = modelBucket(plan, services);
        this.pickerJar = plan.pickerJar().map(jar -> new BucketArtifact(this, "picker-jar",
                new BucketArtifactProps(bucket, jar, PICKER_JAR_FOLDER, JAR_CONTENT_TYPE)))
                .orElse(null);
    }

    /** The bucket to create, or the existing one (the same id, so their grants have the same addresses). */
    private IBucket modelBucket(GlobalPlan plan, ProjectServices services) {
        if (plan.bucket().create().isEmpty()) {
            return ModelBucket.fromBucketName(this, BUCKET_ID, plan.bucket().name());
        }
        ModelBucket created = new ModelBucket(this, BUCKET_ID, plan.bucket().create().get());
        created.getNode().addDependency(services);
        return created;
    }

    /** The project number, which Workload Identity principals are named with. */
    public String projectNumber() {
        return project.getNumber();
    }

    public InferenceNetwork network() {
        return network;
    }

    public IBucket bucket() {
        return bucket;
    }

    /** The routing-plugin jar in the bucket; empty with the upstream picker. */
    public Optional<BucketArtifact> pickerJar() {
        return Optional.ofNullable(pickerJar);
    }
}
