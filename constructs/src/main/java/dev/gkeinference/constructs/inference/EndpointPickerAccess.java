package dev.gkeinference.constructs.inference;

import dev.gkeinference.constructs.kubernetes.PolicyRule;
import dev.gkeinference.constructs.kubernetes.ServiceAccount;
import dev.gkeinference.constructs.kubernetes.ServiceAccountClusterRole;
import dev.gkeinference.constructs.kubernetes.ServiceAccountProps;
import dev.gkeinference.constructs.kubernetes.ServiceAccountRole;
import dev.gkeinference.constructs.kubernetes.ServiceAccountRoleProps;
import java.util.List;
import java.util.Optional;
import software.constructs.Construct;

/**
 * The identity of an {@link EndpointPicker}: its service account, and a namespace-scoped role (bound to it) that
 * reads what the picker watches: pods, InferencePools and the InferenceObjectives of one API group. With metrics
 * auth, also a cluster role to create the token and access reviews that check who scrapes the picker's metrics.
 * Kept apart from the picker's Deployment so the account exists, and can be granted cloud access, before the
 * workload is applied.
 */
public class EndpointPickerAccess extends Construct {
    private final ServiceAccount serviceAccount;
    private final ServiceAccountRole role;
    private final ServiceAccountClusterRole metricsAuthRole;

    public EndpointPickerAccess(Construct scope, String id, EndpointPickerAccessProps props) {
        super(scope, id);
        String name = props.name();
        String namespace = props.namespace();
        this.serviceAccount = new ServiceAccount(this, "service-account", ServiceAccountProps.of(name, namespace));
        this.role = new ServiceAccountRole(this, "role", new ServiceAccountRoleProps(name, namespace, name,
                rules(props.objectiveGroup(), props.leaderElection())));
        role.binding().applyAfter(serviceAccount.resource());
        this.metricsAuthRole = props.metricsAuth()
                ? new ServiceAccountClusterRole(this, "metrics-auth", new ServiceAccountRoleProps(
                        namespace + "-" + name + "-metrics-auth", namespace, name, metricsAuthRules()))
                : null;
        if (metricsAuthRole != null) {
            metricsAuthRole.binding().applyAfter(serviceAccount.resource());
        }
    }

    /**
     * Read (get, list, watch) of pods, InferencePools, and the InferenceObjectives and model rewrites of a group;
     * with leader election, the Lease the replicas compete for.
     */
    public static List<PolicyRule> rules(InferenceObjectiveGroup objectiveGroup, boolean leaderElection) {
        List<PolicyRule> read = List.of(
                PolicyRule.read("", "pods"),
                PolicyRule.read(InferencePool.GROUP, "inferencepools"),
                // The upstream picker also follows model rewrites of the same group when their CRD exists.
                PolicyRule.read(objectiveGroup.group(), "inferenceobjectives", "inferencemodelrewrites"));
        if (!leaderElection) {
            return read;
        }
        List<PolicyRule> rules = new java.util.ArrayList<>(read);
        rules.add(new PolicyRule(List.of("coordination.k8s.io"), List.of("leases"),
                List.of("get", "create", "update", "patch")));
        return List.copyOf(rules);
    }

    /** What delegated authentication and authorization of a metrics scrape needs (controller-runtime's filter). */
    public static List<PolicyRule> metricsAuthRules() {
        return List.of(
                new PolicyRule(List.of("authentication.k8s.io"), List.of("tokenreviews"), List.of("create")),
                new PolicyRule(List.of("authorization.k8s.io"), List.of("subjectaccessreviews"), List.of("create")));
    }

    public ServiceAccount serviceAccount() {
        return serviceAccount;
    }

    public ServiceAccountRole role() {
        return role;
    }

    /** The token and access review role, when the picker's metrics auth is on. */
    public Optional<ServiceAccountClusterRole> metricsAuthRole() {
        return Optional.ofNullable(metricsAuthRole);
    }
}
