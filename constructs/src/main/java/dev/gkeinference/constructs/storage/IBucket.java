package dev.gkeinference.constructs.storage;

import com.hashicorp.cdktf.providers.google.storage_bucket_iam_member.StorageBucketIamMember;
import software.constructs.IConstruct;

/**
 * A Cloud Storage bucket that constructs reference and grant access to: a {@link ModelBucket} created here, or an
 * existing one ({@link ModelBucket#fromBucketName}).
 */
public interface IBucket extends IConstruct {
    /** The bucket name; for a bucket created here, a token that also orders dependants after it. */
    String bucketName();

    /** Grants {@value BucketBase#READ_ROLE} on this bucket; the binding is created in the principal's scope. */
    StorageBucketIamMember grantRead(WorkloadIdentityPrincipal principal);

    /** Grants {@value BucketBase#READ_WRITE_ROLE} on this bucket; the binding is created in the principal's scope. */
    StorageBucketIamMember grantReadWrite(WorkloadIdentityPrincipal principal);
}
