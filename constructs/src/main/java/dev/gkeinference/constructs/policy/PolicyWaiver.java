package dev.gkeinference.constructs.policy;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An accepted exception to one check for named resources, with the reason a reviewer reads.
 *
 * <p>{@code check} is one of our {@link PolicyRule}s, by rule id or by the checkov id it carries, or a checkov check
 * our baseline does not implement ({@code CKV_GCP_12}). Checkov alone evaluates the latter, so such a waiver is
 * recorded on every resource it names; the checkov run in the tests matches each finding to one.
 *
 * <p>{@code resource} names the resource by construct path ({@code cluster-europe-west4/cluster/cluster}, as
 * printed in the violation message), where {@code *} matches within one path segment and {@code **} across
 * segments, or by Terraform address ({@code google_container_cluster.cluster_cluster_1A2B3C4D}).
 */
public record PolicyWaiver(String check, String resource, String reason) {
    private static final Pattern CHECKOV_ID = Pattern.compile("CKV2?_[A-Z0-9]+_[0-9]+");

    /** Canonical form: a rule named by its checkov id becomes that rule's id. */
    public PolicyWaiver {
        check = ruleOf(check).map(PolicyRule::id).orElse(check);
        if (!isCheck(check)) {
            throw new IllegalArgumentException("unknown policy rule '" + check + "': allowed are " + allowedChecks());
        }
        if (resource == null || resource.isBlank()) {
            throw new IllegalArgumentException("policy waiver for " + check
                    + ": 'resource' is empty; name a construct path (globs * and ** allowed) or a Terraform address");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("policy waiver for " + check + " on '" + resource
                    + "': 'reason' is empty; say why the exception is acceptable, reviewers read it");
        }
    }

    /** Convenience for config loaders: unknown checks are rejected with the allowed list. */
    public static PolicyWaiver of(String check, String resource, String reason) {
        return new PolicyWaiver(check, resource, reason);
    }

    /** Whether a waiver may name {@code check}: a rule id, or a checkov check id. */
    public static boolean isCheck(String check) {
        return check != null && (ruleOf(check).isPresent() || CHECKOV_ID.matcher(check).matches());
    }

    /** What a waiver may name, for error messages. */
    public static String allowedChecks() {
        return Arrays.stream(PolicyRule.values()).map(PolicyRule::id).collect(Collectors.joining(", "))
                + ", or a checkov check id such as CKV_GCP_12";
    }

    /** The baseline rule waived, or empty when the check is checkov's alone. */
    public Optional<PolicyRule> rule() {
        return ruleOf(check);
    }

    /** The checkov id of the waived check, or {@code -} for a rule checkov has no equivalent of. */
    public String checkovId() {
        return rule().map(r -> r.checkovId().orElse("-")).orElse(check);
    }

    boolean covers(PolicyRule violated, String constructPath, String terraformAddress) {
        return rule().filter(violated::equals).isPresent() && names(constructPath, terraformAddress);
    }

    /** Whether this waives a check only checkov evaluates, on this resource. */
    boolean coversCheckovOnly(String constructPath, String terraformAddress) {
        return rule().isEmpty() && names(constructPath, terraformAddress);
    }

    private boolean names(String constructPath, String terraformAddress) {
        return resource.equals(terraformAddress) || glob().matcher(constructPath).matches();
    }

    private static Optional<PolicyRule> ruleOf(String check) {
        return Arrays.stream(PolicyRule.values())
                .filter(r -> r.id().equals(check) || r.checkovId().filter(id -> id.equals(check)).isPresent())
                .findFirst();
    }

    private Pattern glob() {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < resource.length(); i++) {
            char c = resource.charAt(i);
            if (c == '*' && i + 1 < resource.length() && resource.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
