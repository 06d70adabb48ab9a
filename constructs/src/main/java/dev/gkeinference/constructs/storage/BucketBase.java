package dev.gkeinference.constructs.storage;

import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.google.storage_bucket_iam_member.StorageBucketIamMember;
import software.constructs.Construct;

/**
 * What a bucket created here and an imported one share: the grants, each a {@code google_storage_bucket_iam_member}
 * named {@code <bucket construct id>-read} or {@code -read-write} in the principal's scope.
 */
public abstract class BucketBase extends Construct implements IBucket {
    /** Read-only object access: enough for serving through Cloud Storage FUSE. */
    public static final String READ_ROLE = "roles/storage.objectViewer";
    /** Read-write object access, for jobs that upload weights. */
    public static final String READ_WRITE_ROLE = "roles/storage.objectUser";

    protected BucketBase(Construct scope, String id) {
        super(scope, id);
    }

    /** {@link BucketName#require}, except for a token, which Cloud Storage checks when it resolves. */
    protected static String requireName(String name) {
        return Token.isUnresolved(name) ? name : BucketName.require(name);
    }

    @Override
    public StorageBucketIamMember grantRead(WorkloadIdentityPrincipal principal) {
        return grant(principal, READ_ROLE, "read");
    }

    @Override
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
