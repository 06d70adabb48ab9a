package dev.gkeinference.constructs.storage;

import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucket;
import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucketVersioning;
import com.hashicorp.cdktf.providers.google.storage_bucket_iam_member.StorageBucketIamMember;
import software.constructs.Construct;

/**
 * A Cloud Storage bucket for model weights, hardened: uniform bucket-level access (required for Workload
 * Identity principals and Cloud Storage FUSE) and public access prevention enforced. Access is granted per
 * principal with {@link #grantRead} and {@link #grantReadWrite}.
 */
public class ModelBucket extends Construct {
    /** Read-only object access: enough for serving through Cloud Storage FUSE. */
    public static final String READ_ROLE = "roles/storage.objectViewer";
    /** Read-write object access, for jobs that upload weights. */
    public static final String READ_WRITE_ROLE = "roles/storage.objectUser";

    private final StorageBucket bucket;

    public ModelBucket(Construct scope, String id, ModelBucketProps props) {
        super(scope, id);
        if (!Token.isUnresolved(props.name())) {
            BucketName.require(props.name());
        }
        this.bucket = StorageBucket.Builder.create(this, "bucket")
                .name(props.name())
                .location(props.location())
                .uniformBucketLevelAccess(true)
                .publicAccessPrevention("enforced")
                .forceDestroy(props.forceDestroy())
                .versioning(StorageBucketVersioning.builder().enabled(props.versioning()).build())
                .labels(props.labels())
                .build();
    }

    /** The bucket name (a token that also orders dependants after the bucket). */
    public String bucketName() {
        return bucket.getName();
    }

    public StorageBucket resource() {
        return bucket;
    }

    /** Grants {@value #READ_ROLE} on this bucket; the binding is created in the principal's scope. */
    public StorageBucketIamMember grantRead(WorkloadIdentityPrincipal principal) {
        return grant(principal, READ_ROLE, "read");
    }

    /** Grants {@value #READ_WRITE_ROLE} on this bucket; the binding is created in the principal's scope. */
    public StorageBucketIamMember grantReadWrite(WorkloadIdentityPrincipal principal) {
        return grant(principal, READ_WRITE_ROLE, "read-write");
    }

    private StorageBucketIamMember grant(WorkloadIdentityPrincipal principal, String role, String access) {
        return StorageBucketIamMember.Builder.create(principal.scope(), getNode().getId() + "-" + access)
                .bucket(bucketName())
                .role(role)
                .member(principal.member())
                .build();
    }
}
