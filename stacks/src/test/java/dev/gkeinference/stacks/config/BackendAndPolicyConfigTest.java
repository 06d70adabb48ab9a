package dev.gkeinference.stacks.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gkeinference.constructs.policy.PolicyWaiver;
import dev.gkeinference.stacks.plan.DeploymentPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code backend:} and {@code policy:} sections as users write them in YAML. */
class BackendAndPolicyConfigTest {
    /** One more waiver, appended to the reference's list (its policy section comes last). */
    private static final String WAIVER = """
                - rule: gke-release-channel
                  resource: "cluster-*/gke/**"
                  reason: pinned GKE version during TPU qualification
            """;
    private static final String CLOUD = """
            backend:
              type: cloud
              organization: acme
              project: inference
              workspaces: gke-{stack}
            """;

    /** The reference waives only checks checkov alone evaluates: it passes every rule of the baseline. */
    @Test
    void referenceUsesLocalStateAndWaivesOnlyCheckovChecks() {
        DeploymentPlan plan = ConfigFixtures.referencePlan();
        assertEquals("local", plan.stacks().backend().kind());
        assertTrue(plan.waivers().stream().allMatch(w -> w.rule().isEmpty() && w.check().startsWith("CKV")),
                plan.waivers().toString());
    }

    @Test
    void readsABackendAndWaivers() {
        DeploymentPlan plan = ConfigFixtures.plan(ConfigFixtures.reference() + WAIVER + CLOUD);
        List<PolicyWaiver> waivers = plan.waivers();
        assertEquals("cloud", plan.stacks().backend().kind());
        assertEquals("gke-cluster-us-east5", plan.stacks().backend().workspaceName("inference", "cluster-us-east5"));
        assertEquals("gke-release-channel", waivers.get(waivers.size() - 1).check());
        assertEquals("pinned GKE version during TPU qualification", waivers.get(waivers.size() - 1).reason());
    }

    @Test
    void failsOnUnknownKeysInTheSections() {
        List<String> problems = ConfigFixtures.problems(ConfigFixtures.reference() + "backend:\n  type: gcs\n  buckets: x\n");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("backend.buckets: unknown key"), problems.get(0));
    }

    @Test
    void failsOnBadWaiversNamingTheKeyPath() {
        int next = DeploymentConfigLoader.reference().policy().waivers().size();
        List<String> problems = ConfigFixtures.problems(ConfigFixtures.reference()
                + "    - rule: no-such-rule\n      resource: x\n      reason: typo\n    - rule: gcs-uniform-access\n"
                + "      resource: global/model-bucket/bucket\n");
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("policy.waivers[" + next + "].rule: 'no-such-rule' is not a policy"
                + " rule: allowed are gke-private-nodes, "), problems.get(0));
        assertTrue(problems.get(0).endsWith("or a checkov check id such as CKV_GCP_12"), problems.get(0));
        assertTrue(problems.get(1).startsWith("policy.waivers[" + (next + 1) + "].reason: missing must say why"),
                problems.get(1));
    }

    @Test
    void workspaceNamesAreCheckedForEveryStackOfTheDeployment() {
        // 90 characters is the limit: the longest stack ids of the reference have 21 (platform-europe-west4)
        String prefix = "w".repeat(90 - "workload-europe-west4".length());
        assertEquals(List.of(), ConfigFixtures.problems(ConfigFixtures.reference()
                + "backend:\n  type: cloud\n  organization: acme\n  workspaces: " + prefix + "{stack}\n"));
        List<String> problems = ConfigFixtures.problems(ConfigFixtures.reference()
                + "backend:\n  type: cloud\n  organization: acme\n  workspaces: w" + prefix + "{stack}\n");
        assertEquals(2, problems.size(), "platform- and workload-europe-west4 are one too long: " + problems);
        assertTrue(problems.get(0).contains("for stack 'platform-europe-west4'"), problems.get(0));
        assertTrue(problems.get(1).contains("for stack 'workload-europe-west4'"), problems.get(1));
    }

    @Test
    void failsOnABackendProblem() {
        List<String> problems = ConfigFixtures.problems(ConfigFixtures.reference()
                + "backend:\n  type: cloud\n  workspaces: prod\n");
        assertEquals(List.of("backend.organization: missing is not a Terraform Cloud organization name (letters,"
                + " digits, '_' or '-'); the cloud backend needs one",
                "backend.workspaces: 'prod' must contain {stack} so that every stack gets its own workspace"
                        + " (e.g. 'inference-{stack}')"), problems);
    }
}
