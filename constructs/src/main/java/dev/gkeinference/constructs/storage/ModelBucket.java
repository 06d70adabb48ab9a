package dev.gkeinference.constructs.storage;

import com.hashicorp.cdktf.Postcondition;
import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.providers.google.data_google_storage_bucket.DataGoogleStorageBucket;
import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucket;
import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucketVersioning;
import java.util.List;
import software.constructs.Construct;

/**
 * A Cloud Storage bucket for model weights, hardened: uniform bucket-level access (required for Workload
 * Identity principals and Cloud Storage FUSE) and public access prevention enforced. Access is granted per
 * principal with {@link #grantRead} and {@link #grantReadWrite}.
 */
public class ModelBucket extends BucketBase {
    private final StorageBucket bucket;

    public ModelBucket(Construct scope, String id, ModelBucketProps props) {
        super(scope, id);
        this.bucket = StorageBucket.Builder.create(this, "bucket")
                .name(requireName(props.name()))
                .location(props.location())
                .uniformBucketLevelAccess(true)
                .publicAccessPrevention("enforced")
                .forceDestroy(props.forceDestroy())
                .versioning(StorageBucketVersioning.builder().enabled(props.versioning()).build())
                .labels(props.labels())
                .build();
    }

    /**
     * An existing bucket, to grant access to and upload to; it creates no bucket. Serving through Cloud Storage
     * FUSE with Workload Identity principals needs uniform bucket-level access on it.
     *
     * @param id names the grants ({@code <id>-read}), as the id of a {@link ModelBucket} does
     */
    public static IBucket fromBucketName(Construct scope, String id, String bucketName) {
        return new Imported(scope, id, bucketName);
    }

    /** The bucket name (a token that also orders dependants after the bucket). */
    @Override
    public String bucketName() {
        return bucket.getName();
    }

    public StorageBucket resource() {
        return bucket;
    }

    /**
     * A bucket this deployment does not manage, read at plan time: the plan fails if it is missing or has
     * uniform bucket-level access off, which Cloud Storage FUSE with Workload Identity principals needs.
     */
    private static final class Imported extends BucketBase {
        private final String bucketName;

        Imported(Construct scope, String id, String bucketName) {
            super(scope, id);
            this.bucketName = requireName(bucketName);
            DataGoogleStorageBucket.Builder.create(this, "bucket").name(bucketName)
                    .lifecycle(TerraformResourceLifecycle.builder().postcondition(List.of(Postcondition.builder()
                            .condition("${self.uniform_bucket_level_access}")
                            .errorMessage("bucket " + bucketName + " has uniform bucket-level access off, which"
                                    + " Workload Identity principals and Cloud Storage FUSE need: gcloud storage"
                                    + " buckets update gs://" + bucketName + " --uniform-bucket-level-access")
                            .build())).build())
                    .build();
        }

        @Override
        public String bucketName() {
            return bucketName;
        }
    }
}
