package dev.gkeinference.constructs.kubernetes;

import java.util.List;
import java.util.Objects;

/**
 * Properties of a {@link ServiceAccountRole}.
 *
 * @param name               name of the Role and of its RoleBinding
 * @param namespace          the namespace of the role, its binding and the service account
 * @param serviceAccountName the service account the role is bound to
 * @param rules              what the role allows; at least one rule
 */
public record ServiceAccountRoleProps(String name, String namespace, String serviceAccountName,
        List<PolicyRule> rules) {

    public ServiceAccountRoleProps {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(serviceAccountName, "serviceAccountName");
        rules = List.copyOf(rules);
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("role '" + name + "' needs at least one rule");
        }
    }
}
