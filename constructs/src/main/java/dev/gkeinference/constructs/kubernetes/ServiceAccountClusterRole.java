package dev.gkeinference.constructs.kubernetes;

import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * Cluster-wide RBAC for one service account: a {@code ClusterRole} with the given rules and a
 * {@code ClusterRoleBinding} of it to the account, both named after the role. For what no namespace holds, such as
 * token and access reviews; prefer {@link ServiceAccountRole} for anything namespaced.
 */
public class ServiceAccountClusterRole extends Construct {
    private static final String RBAC = "rbac.authorization.k8s.io/v1";

    private final KubernetesObject role;
    private final KubernetesObject binding;

    /**
     * @param props the role's name must be unique in the cluster (e.g. prefixed with the namespace); its namespace is
     *              the service account's
     */
    public ServiceAccountClusterRole(Construct scope, String id, ServiceAccountRoleProps props) {
        super(scope, id);
        String name = KubernetesNames.requireSubdomain("cluster role name", props.name());
        String namespace = KubernetesNames.requireLabel("namespace name", props.namespace());
        this.role = new KubernetesObject(this, "role", KubernetesMaps.map(
                "apiVersion", RBAC, "kind", "ClusterRole",
                "metadata", Map.of("name", name),
                "rules", props.rules().stream().map(PolicyRule::toMap).toList()));
        this.binding = new KubernetesObject(this, "binding", KubernetesMaps.map(
                "apiVersion", RBAC, "kind", "ClusterRoleBinding",
                "metadata", Map.of("name", name),
                "roleRef", Map.of("apiGroup", "rbac.authorization.k8s.io", "kind", "ClusterRole", "name", name),
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
