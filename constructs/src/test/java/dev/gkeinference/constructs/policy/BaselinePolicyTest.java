package dev.gkeinference.constructs.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.App;
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
import dev.gkeinference.constructs.testing.TestApps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each rule on a compliant baseline (synthesis succeeds) and on the baseline broken in exactly the way the rule
 * forbids (synthesis fails with a message naming resource, rule and fix). Uses the real stack synthesizer
 * ({@code App.synth}, through {@code TestApps}), which aborts on error annotations like {@code cdktf synth} does.
 */
class BaselinePolicyTest {
    private static final String SA = "tpu-nodes@acme-prod.iam.gserviceaccount.com";

    @Test
    void compliantResourcesSynthesize() {
        App app = TestApps.app();
        compliantStack(app, r -> { });
        BaselinePolicy.applyTo(app, List.of());
        TestApps.synth(app); // throws on any error annotation
    }

    @ParameterizedTest
    @EnumSource(PolicyRule.class)
    void failsWhenTheRuleIsBroken(PolicyRule rule) {
        App app = TestApps.app();
        compliantStack(app, breaking(rule));
        BaselinePolicy.applyTo(app, List.of());

        RuntimeException e = assertThrows(RuntimeException.class, () -> TestApps.synth(app));
        // the kernel repeats cdktf's error text; the first block lists every error annotation once
        String message = e.getMessage().substring(0, e.getMessage().indexOf("Either fix"));
        assertTrue(message.contains("policy " + rule.label() + " violated by "), message);
        assertTrue(message.contains(rule.fix()), "names the fix: " + message);
        assertTrue(message.contains("(policy-test/" + violatorPath(rule) + ")"), "names the construct: " + message);
        assertEquals(1, count(message, "violated by"), "only the broken rule fires: " + message);
    }

    @Test
    void aWaiverTurnsTheViolationIntoAManifestNote() throws IOException {
        App app = TestApps.app();
        compliantStack(app, breaking(PolicyRule.GKE_RELEASE_CHANNEL));
        BaselinePolicy.applyTo(app, List.of(
                PolicyWaiver.of("gke-release-channel", "policy-*/cluster", "pinned version during TPU qualification")));

        Path dir = TestApps.synth(app).outdir();

        JsonNode manifest = new ObjectMapper().readTree(Files.readString(dir.resolve("manifest.json")));
        List<WaiverNote> notes = new ArrayList<>();
        manifest.path("stacks").path("policy-test").path("annotations").forEach(a -> {
            assertEquals("@cdktf/info", a.path("level").asText());
            WaiverNote.parse(a.path("message").asText()).ifPresent(notes::add);
        });
        assertEquals(1, notes.size(), manifest.toString());
        assertEquals("gke-release-channel", notes.get(0).ruleId());
        assertEquals("CKV_GCP_70", notes.get(0).checkovId());
        assertTrue(notes.get(0).address().startsWith("google_container_cluster.cluster"), notes.get(0).address());
        assertEquals("pinned version during TPU qualification", notes.get(0).reason());
    }

    @Test
    void waiversThatCoverNothingAreReportedAsUnused() {
        App app = TestApps.app();
        compliantStack(app, breaking(PolicyRule.GKE_RELEASE_CHANNEL));
        PolicyWaiver needed = PolicyWaiver.of("gke-release-channel", "policy-test/cluster", "pinned");
        PolicyWaiver stale = PolicyWaiver.of("gcs-uniform-access", "policy-test/weights", "fixed long ago");
        BaselinePolicy policy = BaselinePolicy.applyTo(app, List.of(needed, stale));

        TestApps.synth(app);

        assertEquals(List.of(stale), policy.unusedWaivers());
    }

    @Test
    void aWaiverForAnotherRuleOrResourceDoesNotApply() {
        App app = TestApps.app();
        compliantStack(app, breaking(PolicyRule.GCS_UNIFORM_ACCESS));
        BaselinePolicy.applyTo(app, List.of(
                PolicyWaiver.of("gcs-public-access-prevention", "policy-test/weights", "wrong rule"),
                PolicyWaiver.of("gcs-uniform-access", "policy-test/other-bucket", "wrong resource")));

        RuntimeException e = assertThrows(RuntimeException.class, () -> TestApps.synth(app));
        assertTrue(e.getMessage().contains("gcs-uniform-access (CKV_GCP_29)"), e.getMessage());
    }

    @Test
    void aWaiverMayNameTheTerraformAddress() {
        App app = TestApps.app();
        compliantStack(app, breaking(PolicyRule.IAM_NO_SERVICE_ACCOUNT_KEYS));
        BaselinePolicy.applyTo(app, List.of(
                PolicyWaiver.of("iam-no-service-account-keys", "google_service_account_key.key", "legacy CI")));
        TestApps.synth(app);
    }

    @Test
    void failsOnAnUnknownRuleOrAnEmptyReason() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> PolicyWaiver.of("gke-private-node", "x", "y"));
        assertTrue(unknown.getMessage().contains("'gke-private-node'"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("gke-private-nodes, "), unknown.getMessage());
        IllegalArgumentException noReason = assertThrows(IllegalArgumentException.class,
                () -> PolicyWaiver.of("gke-private-nodes", "x", " "));
        assertTrue(noReason.getMessage().contains("'reason' is empty"), noReason.getMessage());
    }

    @Test
    void waiverNotesRoundTrip() {
        WaiverNote note = new WaiverNote("gcs-uniform-access", "CKV_GCP_29", "google_storage_bucket.b", "why: because");
        assertEquals(note, WaiverNote.parse(note.message()).orElseThrow());
        assertFalse(WaiverNote.parse("something else").isPresent());
    }

    /** The construct (under the stack) a broken rule is reported on. */
    private static String violatorPath(PolicyRule rule) {
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

    /** A change to the compliant baseline that breaks exactly {@code rule}. */
    private static Consumer<Parts> breaking(PolicyRule rule) {
        return switch (rule) {
            case GKE_PRIVATE_NODES -> p -> p.cluster.addOverride("private_cluster_config.enable_private_nodes", false);
            case GKE_WORKLOAD_IDENTITY -> p -> p.cluster.addOverride("workload_identity_config", null);
            case GKE_METADATA_SERVER -> p -> p.pool.addOverride("node_config.workload_metadata_config.mode",
                    "GCE_METADATA");
            case GKE_SHIELDED_NODES -> p -> p.cluster.addOverride("enable_shielded_nodes", false);
            case GKE_RELEASE_CHANNEL -> p -> p.cluster.addOverride("release_channel.channel", "UNSPECIFIED");
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

    private record Parts(TerraformStack stack, ContainerCluster cluster, ContainerNodePool pool, StorageBucket bucket,
                         ProjectIamMember grant) {
    }

    private static TerraformStack compliantStack(App app, Consumer<Parts> change) {
        TerraformStack stack = new TerraformStack(app, "policy-test");
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

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
