package dev.gkeinference.constructs.storage;

import java.util.Objects;
import software.constructs.Construct;

/**
 * A Kubernetes service account as an IAM principal, through Workload Identity Federation for GKE: no Google
 * service account and no key, the KSA itself is granted roles.
 *
 * <p>Grants made to it are created in {@link #scope()}, the construct that stands for the service account, so
 * that a binding lives in the stack of the workload that needs it rather than in the stack of the resource.
 */
public final class WorkloadIdentityPrincipal {
    private final Construct scope;
    private final String namespace;
    private final String serviceAccount;
    private final String member;

    private WorkloadIdentityPrincipal(Construct scope, String namespace, String serviceAccount, String member) {
        this.scope = scope;
        this.namespace = namespace;
        this.serviceAccount = serviceAccount;
        this.member = member;
    }

    /**
     * The principal {@code principal://iam.googleapis.com/projects/NUMBER/locations/global/workloadIdentityPools/
     * PROJECT.svc.id.goog/subject/ns/NAMESPACE/sa/KSA}.
     *
     * @param scope          where grants to this principal are created
     * @param projectNumber  the project number (may be a token, e.g. from a {@code google_project} data source)
     * @param projectId      the project id, which names the workload identity pool
     */
    public static WorkloadIdentityPrincipal kubernetesServiceAccount(Construct scope, String projectNumber,
            String projectId, String namespace, String serviceAccount) {
        Objects.requireNonNull(scope, "scope");
        requireText(projectNumber, "projectNumber");
        requireText(projectId, "projectId");
        requireText(namespace, "namespace");
        requireText(serviceAccount, "serviceAccount");
        String member = "principal://iam.googleapis.com/projects/" + projectNumber
                + "/locations/global/workloadIdentityPools/" + projectId + ".svc.id.goog"
                + "/subject/ns/" + namespace + "/sa/" + serviceAccount;
        return new WorkloadIdentityPrincipal(scope, namespace, serviceAccount, member);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }

    public Construct scope() {
        return scope;
    }

    /** The IAM member string. */
    public String member() {
        return member;
    }

    /** {@code namespace/serviceAccount}, for messages. */
    public String displayName() {
        return namespace + "/" + serviceAccount;
    }
}
