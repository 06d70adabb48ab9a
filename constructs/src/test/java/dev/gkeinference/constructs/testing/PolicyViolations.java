package dev.gkeinference.constructs.testing;

import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerCluster;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterPrivateClusterConfig;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterReleaseChannel;
import com.hashicorp.cdktf.providers.google.container_cluster.ContainerClusterWorkloadIdentityConfig;
import com.hashicorp.cdktf.providers.google.container_node_pool.ContainerNodePool;
import com.hashicorp.cdktf.providers.google.container_node_pool.ContainerNodePoolManagement;
import com.hashicorp.cdktf.providers.google.container_node_pool.ContainerNodePoolNodeConfig;
import com.hashicorp.cdktf.providers.google.container_node_pool.ContainerNodePoolNodeConfigWorkloadMetadataConfig;
import com.hashicorp.cdktf.providers.google.project_iam_member.ProjectIamMember;
import com.hashicorp.cdktf.providers.google.provider.GoogleProvider;
import com.hashicorp.cdktf.providers.google.service_account_key.ServiceAccountKey;
import com.hashicorp.cdktf.providers.google.storage_bucket.StorageBucket;
import dev.gkeinference.constructs.policy.PolicyRule;
import java.util.function.Consumer;
import software.constructs.Construct;

/**
 * A stack that complies with every policy rule, and for each rule the change that breaks exactly that rule, in the
 * form checkov detects too (checkov's CKV_GCP_64 and CKV_GCP_70 only see a missing block, so those two remove it).
 * Shared by the policy's own tests and the test that checkov reports each rule's checkov id.
 */
public final class PolicyViolations {
    private static final String SA = "tpu-nodes@acme-prod.iam.gserviceaccount.com";

    private PolicyViolations() {
    }

    /** The parts of the compliant stack a change may break. */
    public record Parts(TerraformStack stack, ContainerCluster cluster, ContainerNodePool pool, StorageBucket bucket,
                        ProjectIamMember grant) {
    }

    /** The construct id (under the stack) a broken rule is reported on. */
    public static String violator(PolicyRule rule) {
        return switch (rule) {
            case GKE_PRIVATE_NODES, GKE_WORKLOAD_IDENTITY, GKE_SHIELDED_NODES, GKE_RELEASE_CHANNEL,
                    GKE_LEGACY_ABAC_OFF -> "cluster";
            case GKE_METADATA_SERVER, GKE_NODE_AUTO_REPAIR, GKE_NODE_AUTO_UPGRADE,
                    GKE_NO_DEFAULT_SERVICE_ACCOUNT -> "tpu-pool";
            case GCS_UNIFORM_ACCESS, GCS_PUBLIC_ACCESS_PREVENTION -> "weights";
            case IAM_NO_PRIMITIVE_ROLES -> "grant";
            case IAM_NO_SERVICE_ACCOUNT_KEYS -> "key";
        };
    }

    /** A change to the compliant stack that breaks exactly {@code rule}. */
    public static Consumer<Parts> breaking(PolicyRule rule) {
        return switch (rule) {
            case GKE_PRIVATE_NODES -> p -> p.cluster.resetPrivateClusterConfig();
            case GKE_WORKLOAD_IDENTITY -> p -> p.cluster.resetWorkloadIdentityConfig();
            case GKE_METADATA_SERVER -> p -> p.pool.addOverride("node_config.workload_metadata_config.mode",
                    "GCE_METADATA");
            case GKE_SHIELDED_NODES -> p -> p.cluster.addOverride("enable_shielded_nodes", false);
            case GKE_RELEASE_CHANNEL -> p -> p.cluster.resetReleaseChannel();
            case GKE_NODE_AUTO_REPAIR -> p -> p.pool.addOverride("management.auto_repair", false);
            case GKE_NODE_AUTO_UPGRADE -> p -> p.pool.addOverride("management.auto_upgrade", false);
            case GKE_NO_DEFAULT_SERVICE_ACCOUNT -> p -> p.pool.addOverride("node_config.service_account",
                    "123456789-compute@developer.gserviceaccount.com");
            case GKE_LEGACY_ABAC_OFF -> p -> p.cluster.addOverride("enable_legacy_abac", true);
            case GCS_UNIFORM_ACCESS -> p -> p.bucket.addOverride("uniform_bucket_level_access", false);
            case GCS_PUBLIC_ACCESS_PREVENTION -> p -> p.bucket.addOverride("public_access_prevention", "inherited");
            case IAM_NO_PRIMITIVE_ROLES -> p -> p.grant.addOverride("role", "roles/editor");
            case IAM_NO_SERVICE_ACCOUNT_KEYS -> p -> ServiceAccountKey.Builder.create(p.stack, "key")
                    .serviceAccountId(SA).build().overrideLogicalId("key");
        };
    }

    /** Stack {@code id} under {@code scope}: a cluster, a node pool, a bucket and a grant, then {@code change}. */
    public static TerraformStack compliantStack(Construct scope, String id, Consumer<Parts> change) {
        TerraformStack stack = new TerraformStack(scope, id);
        GoogleProvider.Builder.create(stack, "google").project("acme-prod").build();
        ContainerCluster cluster = ContainerCluster.Builder.create(stack, "cluster")
                .name("inference-europe-west4").location("europe-west4")
                .removeDefaultNodePool(true).initialNodeCount(1)
                .privateClusterConfig(ContainerClusterPrivateClusterConfig.builder().enablePrivateNodes(true).build())
                .workloadIdentityConfig(ContainerClusterWorkloadIdentityConfig.builder()
                        .workloadPool("acme-prod.svc.id.goog").build())
                .releaseChannel(ContainerClusterReleaseChannel.builder().channel("RAPID").build())
                .enableShieldedNodes(true)
                .build();
        ContainerNodePool pool = ContainerNodePool.Builder.create(stack, "tpu-pool")
                .name("tpu").cluster(cluster.getId()).location("europe-west4")
                .management(ContainerNodePoolManagement.builder().autoRepair(true).autoUpgrade(true).build())
                .nodeConfig(ContainerNodePoolNodeConfig.builder().machineType("ct6e-standard-4t")
                        .serviceAccount(SA)
                        .workloadMetadataConfig(ContainerNodePoolNodeConfigWorkloadMetadataConfig.builder()
                                .mode("GKE_METADATA").build())
                        .build())
                .build();
        StorageBucket bucket = StorageBucket.Builder.create(stack, "weights")
                .name("acme-weights").location("EU").uniformBucketLevelAccess(true)
                .publicAccessPrevention("enforced").build();
        ProjectIamMember grant = ProjectIamMember.Builder.create(stack, "grant")
                .project("acme-prod").role("roles/logging.logWriter").member("serviceAccount:" + SA).build();
        change.accept(new Parts(stack, cluster, pool, bucket, grant));
        return stack;
    }
}
