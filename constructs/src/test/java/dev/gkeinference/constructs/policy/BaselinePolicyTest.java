package dev.gkeinference.constructs.policy;

import static dev.gkeinference.constructs.testing.PolicyViolations.breaking;
import static dev.gkeinference.constructs.testing.PolicyViolations.violator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.TerraformStack;
import dev.gkeinference.constructs.testing.PolicyViolations;
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
    @Test
    void compliantResourcesSynthesize() {
        App app = TestApps.app();
        testStack(app, r -> { });
        BaselinePolicy.applyTo(app, List.of());
        TestApps.synth(app); // throws on any error annotation
    }

    @ParameterizedTest
    @EnumSource(PolicyRule.class)
    void failsWhenTheRuleIsBroken(PolicyRule rule) {
        App app = TestApps.app();
        testStack(app, breaking(rule.id()));
        BaselinePolicy.applyTo(app, List.of());

        RuntimeException e = assertThrows(RuntimeException.class, () -> TestApps.synth(app));
        // the kernel repeats cdktf's error text; the first block lists every error annotation once
        String message = e.getMessage().substring(0, e.getMessage().indexOf("Either fix"));
        assertTrue(message.contains("policy " + rule.label() + " violated by "), message);
        assertTrue(message.contains(rule.fix()), "names the fix: " + message);
        assertTrue(message.contains("(policy-test/" + violator(rule.id()) + ")"), "names the construct: " + message);
        assertEquals(1, count(message, "violated by"), "only the broken rule fires: " + message);
    }

    /** Stricter than checkov, whose CKV_GCP_64 and CKV_GCP_70 only ask for the block to be there. */
    @Test
    void aBlockThatIsPresentButWrongIsAViolationToo() {
        for (Consumer<PolicyViolations.Parts> change : List.<Consumer<PolicyViolations.Parts>>of(
                p -> p.cluster().addOverride("private_cluster_config.enable_private_nodes", false),
                p -> p.cluster().addOverride("release_channel.channel", "UNSPECIFIED"))) {
            App app = TestApps.app();
            testStack(app, change);
            BaselinePolicy.applyTo(app, List.of());
            RuntimeException e = assertThrows(RuntimeException.class, () -> TestApps.synth(app));
            assertTrue(e.getMessage().contains("violated by google_container_cluster.cluster"), e.getMessage());
        }
    }

    @Test
    void aWaiverMayNameTheRuleByItsCheckovId() {
        PolicyWaiver waiver = PolicyWaiver.of("CKV_GCP_70", "policy-test/cluster", "pinned");
        assertEquals("gke-release-channel", waiver.check());
        assertEquals(PolicyRule.GKE_RELEASE_CHANNEL, waiver.rule().orElseThrow());
        App app = TestApps.app();
        testStack(app, breaking(PolicyRule.GKE_RELEASE_CHANNEL.id()));
        BaselinePolicy.applyTo(app, List.of(waiver));
        TestApps.synth(app);
    }

    /** A check only checkov evaluates: the waiver is noted on each resource it names, for the checkov run. */
    @Test
    void aWaiverOfACheckovOnlyCheckIsNotedOnTheResourcesItNames() throws IOException {
        App app = TestApps.app();
        testStack(app, r -> { });
        PolicyWaiver flowLogs = PolicyWaiver.of("CKV_GCP_61", "policy-test/cluster", "flow volume");
        PolicyWaiver nothing = PolicyWaiver.of("CKV_GCP_62", "policy-test/no-such-bucket", "stale");
        BaselinePolicy policy = BaselinePolicy.applyTo(app, List.of(flowLogs, nothing));

        List<WaiverNote> notes = notes(TestApps.synth(app).outdir().toString());

        assertEquals(1, notes.size(), notes.toString());
        assertEquals("-", notes.get(0).ruleId());
        assertEquals("CKV_GCP_61", notes.get(0).checkovId());
        assertTrue(notes.get(0).address().startsWith("google_container_cluster.cluster"), notes.get(0).address());
        assertEquals(List.of(nothing), policy.unusedWaivers());
    }

    @Test
    void aWaiverTurnsTheViolationIntoAManifestNote() throws IOException {
        App app = TestApps.app();
        testStack(app, breaking(PolicyRule.GKE_RELEASE_CHANNEL.id()));
        BaselinePolicy.applyTo(app, List.of(
                PolicyWaiver.of("gke-release-channel", "policy-*/cluster", "pinned version during TPU qualification")));

        List<WaiverNote> notes = notes(TestApps.synth(app).outdir().toString());

        assertEquals(1, notes.size(), notes.toString());
        assertEquals("gke-release-channel", notes.get(0).ruleId());
        assertEquals("CKV_GCP_70", notes.get(0).checkovId());
        assertTrue(notes.get(0).address().startsWith("google_container_cluster.cluster"), notes.get(0).address());
        assertEquals("pinned version during TPU qualification", notes.get(0).reason());
    }

    @Test
    void waiversThatCoverNothingAreReportedAsUnused() {
        App app = TestApps.app();
        testStack(app, breaking(PolicyRule.GKE_RELEASE_CHANNEL.id()));
        PolicyWaiver needed = PolicyWaiver.of("gke-release-channel", "policy-test/cluster", "pinned");
        PolicyWaiver stale = PolicyWaiver.of("gcs-uniform-access", "policy-test/weights", "fixed long ago");
        BaselinePolicy policy = BaselinePolicy.applyTo(app, List.of(needed, stale));

        TestApps.synth(app);

        assertEquals(List.of(stale), policy.unusedWaivers());
    }

    @Test
    void aWaiverForAnotherRuleOrResourceDoesNotApply() {
        App app = TestApps.app();
        testStack(app, breaking(PolicyRule.GCS_UNIFORM_ACCESS.id()));
        BaselinePolicy.applyTo(app, List.of(
                PolicyWaiver.of("gcs-public-access-prevention", "policy-test/weights", "wrong rule"),
                PolicyWaiver.of("gcs-uniform-access", "policy-test/other-bucket", "wrong resource")));

        RuntimeException e = assertThrows(RuntimeException.class, () -> TestApps.synth(app));
        assertTrue(e.getMessage().contains("gcs-uniform-access (CKV_GCP_29)"), e.getMessage());
    }

    @Test
    void aWaiverMayNameTheTerraformAddress() {
        App app = TestApps.app();
        testStack(app, breaking(PolicyRule.IAM_NO_SERVICE_ACCOUNT_KEYS.id()));
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
        assertTrue(unknown.getMessage().endsWith("or a checkov check id such as CKV_GCP_12"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PolicyWaiver.of("CKV_GCP_", "x", "y"));
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

    /** The waiver notes in the manifest of a synthesized output; each is an info annotation. */
    private static List<WaiverNote> notes(String outdir) throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(Files.readString(Path.of(outdir, "manifest.json")));
        List<WaiverNote> notes = new ArrayList<>();
        manifest.path("stacks").path("policy-test").path("annotations").forEach(a -> {
            assertEquals("@cdktf/info", a.path("level").asText());
            WaiverNote.parse(a.path("message").asText()).ifPresent(notes::add);
        });
        return notes;
    }

    private static TerraformStack testStack(App app, Consumer<PolicyViolations.Parts> change) {
        return PolicyViolations.compliantStack(app, "policy-test", change);
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
