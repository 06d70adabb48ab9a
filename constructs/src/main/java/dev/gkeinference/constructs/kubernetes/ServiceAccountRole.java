package dev.gkeinference.constructs.kubernetes;

import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * Namespace-scoped RBAC for one service account: a {@code Role} with the given rules and a {@code RoleBinding}
 * of it to the account, both named after the role.
 */
public class ServiceAccountRole extends Construct {
    private static final String RBAC = "rbac.authorization.k8s.io/v1";

    private final KubernetesObject role;
    private final KubernetesObject binding;

    public ServiceAccountRole(Construct scope, String id, ServiceAccountRoleProps props) {
        super(scope, id);
        String name = KubernetesNames.requireSubdomain("role name", props.name());
        String namespace = KubernetesNames.requireLabel("namespace name", props.namespace());
        this.role = new KubernetesObject(this, "role", KubernetesMaps.map(
                "apiVersion", RBAC, "kind", "Role",
                "metadata", KubernetesMaps.metadata(name, namespace),
                "rules", props.rules().stream().map(PolicyRule::toMap).toList()));
        this.binding = new KubernetesObject(this, "binding", KubernetesMaps.map(
                "apiVersion", RBAC, "kind", "RoleBinding",
                "metadata", KubernetesMaps.metadata(name, namespace),
                "roleRef", Map.of("apiGroup", "rbac.authorization.k8s.io", "kind", "Role", "name", name),
                "subjects", List.of(Map.of("kind", "ServiceAccount", "name", props.serviceAccountName(),
                        "namespace", namespace))));
        binding.applyAfter(role.resource());
    }

    public KubernetesObject role() {
        return role;
    }

    public KubernetesObject binding() {
        return binding;
    }
}
