package dev.gkeinference.constructs.inference;

import dev.gkeinference.constructs.kubernetes.PolicyRule;
import dev.gkeinference.constructs.kubernetes.ServiceAccount;
import dev.gkeinference.constructs.kubernetes.ServiceAccountProps;
import dev.gkeinference.constructs.kubernetes.ServiceAccountRole;
import dev.gkeinference.constructs.kubernetes.ServiceAccountRoleProps;
import java.util.List;
import software.constructs.Construct;

/**
 * The identity of an {@link EndpointPicker}: its service account, and a namespace-scoped role (bound to it) that
 * reads what the picker watches: pods, InferencePools and InferenceObjectives. Kept apart from the picker's
 * Deployment so the account exists, and can be granted cloud access, before the workload is applied.
 */
public class EndpointPickerAccess extends Construct {
    /** The experimental API group of InferenceObjective (and InferenceModelRewrite). */
    public static final String OBJECTIVE_GROUP = "inference.networking.x-k8s.io";

    private final ServiceAccount serviceAccount;
    private final ServiceAccountRole role;

    public EndpointPickerAccess(Construct scope, String id, EndpointPickerAccessProps props) {
        super(scope, id);
        String name = props.name();
        String namespace = props.namespace();
        this.serviceAccount = new ServiceAccount(this, "service-account", ServiceAccountProps.of(name, namespace));
        this.role = new ServiceAccountRole(this, "role", new ServiceAccountRoleProps(name, namespace, name, rules()));
        role.binding().applyAfter(serviceAccount.resource());
    }

    /** Read (get, list, watch) of pods, InferencePools, InferenceObjectives and InferenceModelRewrites. */
    public static List<PolicyRule> rules() {
        return List.of(
                PolicyRule.read("", "pods"),
                PolicyRule.read(InferencePool.GROUP, "inferencepools"),
                // The upstream picker also follows model rewrites of the same group when their CRD exists.
                PolicyRule.read(OBJECTIVE_GROUP, "inferenceobjectives", "inferencemodelrewrites"));
    }

    public ServiceAccount serviceAccount() {
        return serviceAccount;
    }

    public ServiceAccountRole role() {
        return role;
    }
}
