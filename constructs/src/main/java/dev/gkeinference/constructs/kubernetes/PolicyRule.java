package dev.gkeinference.constructs.kubernetes;

import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.util.List;

/**
 * One RBAC rule: verbs on resources of API groups ({@code ""} is the core group).
 */
public record PolicyRule(List<String> apiGroups, List<String> resources, List<String> verbs) {
    /** The verbs a controller needs to follow objects: get, list and watch. */
    public static final List<String> READ = List.of("get", "list", "watch");

    public PolicyRule {
        apiGroups = List.copyOf(apiGroups);
        resources = List.copyOf(resources);
        verbs = List.copyOf(verbs);
        if (resources.isEmpty() || verbs.isEmpty()) {
            throw new IllegalArgumentException("a policy rule needs at least one resource and one verb");
        }
    }

    /** Read access (get, list, watch) to resources of one API group. */
    public static PolicyRule read(String apiGroup, String... resources) {
        return new PolicyRule(List.of(apiGroup), List.of(resources), READ);
    }

    io.fabric8.kubernetes.api.model.rbac.PolicyRule toRbac() {
        return new PolicyRuleBuilder().withApiGroups(apiGroups).withResources(resources).withVerbs(verbs).build();
    }

    static List<io.fabric8.kubernetes.api.model.rbac.PolicyRule> toRbac(List<PolicyRule> rules) {
        return rules.stream().map(PolicyRule::toRbac).toList();
    }
}
