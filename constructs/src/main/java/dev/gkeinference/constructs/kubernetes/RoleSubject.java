package dev.gkeinference.constructs.kubernetes;

import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;

/** The parts a role binding of {@link ServiceAccountRole} or {@link ServiceAccountClusterRole} is made of. */
final class RoleSubject {
    static final String RBAC_GROUP = "rbac.authorization.k8s.io";

    private RoleSubject() {
    }

    /** A reference to a {@code Role} or {@code ClusterRole} of this name. */
    static RoleRef roleRef(String kind, String name) {
        return new RoleRef(RBAC_GROUP, kind, name);
    }

    /** The service account a binding grants its role to. */
    static Subject serviceAccount(String name, String namespace) {
        return new SubjectBuilder().withKind("ServiceAccount").withName(name).withNamespace(namespace).build();
    }
}
