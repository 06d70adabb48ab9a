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
import java.util.function.Consumer;
import software.constructs.Construct;

/**
 * A stack that complies with every policy rule, and for each rule the change that breaks exactly that rule, in the
 * form checkov detects too (checkov's CKV_GCP_64 and CKV_GCP_70 only see a missing block, so those two remove it).
 * Shared by the policy's own tests and the test that checkov reports each rule's checkov id. Rules are named by
 * their id ({@code PolicyRule.id()}): this module sits below the construct library.
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
    public static String violator(String rule) {
        return switch (rule) {
            case "gke-private-nodes", "gke-workload-identity", "gke-shielded-nodes", "gke-release-channel",
                    "gke-legacy-abac-off" -> "cluster";
            case "gke-metadata-server", "gke-node-auto-repair", "gke-node-auto-upgrade",
                    "gke-no-default-service-account" -> "tpu-pool";
            case "gcs-uniform-access", "gcs-public-access-prevention" -> "weights";
            case "iam-no-primitive-roles" -> "grant";
            case "iam-no-service-account-keys" -> "key";
            default -> throw new IllegalArgumentException("no violation known for policy rule '" + rule + "'");
        };
    }

    /** A change to the compliant stack that breaks exactly {@code rule}. */
    public static Consumer<Parts> breaking(String rule) {
        return switch (rule) {
            case "gke-private-nodes" -> p -> p.cluster.resetPrivateClusterConfig();
            case "gke-workload-identity" -> p -> p.cluster.resetWorkloadIdentityConfig();
            case "gke-metadata-server" -> p -> p.pool.addOverride("node_config.workload_metadata_config.mode",
                    "GCE_METADATA");
            case "gke-shielded-nodes" -> p -> p.cluster.addOverride("enable_shielded_nodes", false);
            case "gke-release-channel" -> p -> p.cluster.resetReleaseChannel();
            case "gke-node-auto-repair" -> p -> p.pool.addOverride("management.auto_repair", false);
            case "gke-node-auto-upgrade" -> p -> p.pool.addOverride("management.auto_upgrade", false);
            case "gke-no-default-service-account" -> p -> p.pool.addOverride("node_config.service_account",
                    "123456789-compute@developer.gserviceaccount.com");
            case "gke-legacy-abac-off" -> p -> p.cluster.addOverride("enable_legacy_abac", true);
            case "gcs-uniform-access" -> p -> p.bucket.addOverride("uniform_bucket_level_access", false);
            case "gcs-public-access-prevention" -> p -> p.bucket.addOverride("public_access_prevention", "inherited");
            case "iam-no-primitive-roles" -> p -> p.grant.addOverride("role", "roles/editor");
            case "iam-no-service-account-keys" -> p -> ServiceAccountKey.Builder.create(p.stack, "key")
                    .serviceAccountId(SA).build().overrideLogicalId("key");
            default -> throw new IllegalArgumentException("no violation known for policy rule '" + rule + "'");
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
