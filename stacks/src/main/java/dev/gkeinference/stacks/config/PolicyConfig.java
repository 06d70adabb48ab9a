package dev.gkeinference.stacks.config;

import dev.gkeinference.constructs.policy.PolicyWaiver;
import java.util.ArrayList;
import java.util.List;

/**
 * Exceptions to the baseline policy ({@code policy:} in the config). Every policy rule holds unless a waiver
 * names the rule, the resource and why; waivers show up in the pull-request review.
 *
 * <pre>
 * policy:
 *   waivers:
 *     - rule: gke-release-channel                   # a rule id (see PolicyRule), or a checkov id (CKV_GCP_12)
 *       resource: "cluster-*&#47;gke/cluster"          # construct path (globs * and **) or Terraform address
 *       reason: pinned GKE version during TPU qualification
 * </pre>
 */
public record PolicyConfig(List<Waiver> waivers) {

    /** One waiver as written in the file. */
    public record Waiver(String rule, String resource, String reason) {
    }

    public static final PolicyConfig NONE = new PolicyConfig(null);

    public PolicyConfig {
        waivers = waivers == null ? List.of() : List.copyOf(waivers);
    }

    /** Problems, each naming the key path ({@code policy.waivers[i].*}), the bad value and what is allowed. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < waivers.size(); i++) {
            Waiver w = waivers.get(i);
            String at = "policy.waivers[" + i + "].";
            if (!PolicyWaiver.isCheck(w.rule())) {
                problems.add(at + "rule: " + quoted(w.rule()) + " is not a policy rule: allowed are "
                        + PolicyWaiver.allowedChecks());
            }
            if (w.resource() == null || w.resource().isBlank()) {
                problems.add(at + "resource: " + quoted(w.resource()) + " must name a construct path (globs * and **"
                        + " allowed) or a Terraform address, as printed in the policy error");
            }
            if (w.reason() == null || w.reason().isBlank()) {
                problems.add(at + "reason: " + quoted(w.reason()) + " must say why the exception is acceptable;"
                        + " reviewers read it");
            }
        }
        return problems;
    }

    /** The waivers for {@code BaselinePolicy}; call on a validated config. */
    public List<PolicyWaiver> toWaivers() {
        return waivers.stream().map(w -> PolicyWaiver.of(w.rule(), w.resource(), w.reason())).toList();
    }

    private static String quoted(String value) {
        return value == null ? "missing" : "'" + value + "'";
    }
}
