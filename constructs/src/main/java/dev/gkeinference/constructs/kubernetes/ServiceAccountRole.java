package dev.gkeinference.constructs.kubernetes;

import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import software.constructs.Construct;

/**
 * Namespace-scoped RBAC for one service account: a {@code Role} with the given rules and a {@code RoleBinding}
 * of it to the account, both named after the role.
 */
public class ServiceAccountRole extends Construct {
    private final KubernetesObject role;
    private final KubernetesObject binding;

    public ServiceAccountRole(Construct scope, String id, ServiceAccountRoleProps props) {
        super(scope, id);
        String name = KubernetesNames.requireSubdomain("role name", props.name());
        String namespace = KubernetesNames.requireLabel("namespace name", props.namespace());
        this.role = new KubernetesObject(this, "role", new RoleBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withRules(PolicyRule.toRbac(props.rules()))
                .build());
        this.binding = new KubernetesObject(this, "binding", new RoleBindingBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withRoleRef(RoleSubject.roleRef("Role", name))
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
