package dev.gkeinference.constructs.kubernetes;

import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import software.constructs.Construct;

/**
 * Cluster-wide RBAC for one service account: a {@code ClusterRole} with the given rules and a
 * {@code ClusterRoleBinding} of it to the account, both named after the role. For what no namespace holds, such as
 * token and access reviews; prefer {@link ServiceAccountRole} for anything namespaced.
 */
public class ServiceAccountClusterRole extends Construct {
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
        this.role = new KubernetesObject(this, "role", new ClusterRoleBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withRules(PolicyRule.toRbac(props.rules()))
                .build());
        this.binding = new KubernetesObject(this, "binding", new ClusterRoleBindingBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withRoleRef(RoleSubject.roleRef("ClusterRole", name))
                .withSubjects(RoleSubject.serviceAccount(props.serviceAccountName(), namespace))
                .build());
        binding.applyAfter(role.resource());
    }

    public KubernetesObject role() {
        return role;
    }

    public KubernetesObject binding() {
        return binding;
    }
}
