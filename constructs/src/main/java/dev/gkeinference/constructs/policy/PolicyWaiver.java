package dev.gkeinference.constructs.policy;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An accepted exception to one policy rule for named resources, with the reason a reviewer reads.
 *
 * <p>{@code resource} names the resource by construct path ({@code cluster-europe-west4/cluster/cluster}, as
 * printed in the violation message), where {@code *} matches within one path segment and {@code **} across
 * segments, or by Terraform address ({@code google_container_cluster.cluster_cluster_1A2B3C4D}).
 */
public record PolicyWaiver(PolicyRule rule, String resource, String reason) {

    public PolicyWaiver {
        Objects.requireNonNull(rule, "rule");
        if (resource == null || resource.isBlank()) {
            throw new IllegalArgumentException("policy waiver for " + rule.id()
                    + ": 'resource' is empty; name a construct path (globs * and ** allowed) or a Terraform address");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("policy waiver for " + rule.id() + " on '" + resource
                    + "': 'reason' is empty; say why the exception is acceptable, reviewers read it");
        }
    }

    /** Convenience for config loaders: the rule by id (unknown ids are rejected with the allowed list). */
    public static PolicyWaiver of(String ruleId, String resource, String reason) {
        return new PolicyWaiver(PolicyRule.byId(ruleId), resource, reason);
    }

    boolean covers(PolicyRule violated, String constructPath, String terraformAddress) {
        return rule == violated && (resource.equals(terraformAddress) || glob().matcher(constructPath).matches());
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
