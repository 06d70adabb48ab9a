package dev.gkeinference.constructs.kubernetes;

import dev.gkeinference.constructs.storage.WorkloadIdentityPrincipal;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import software.constructs.Construct;

/**
 * A Kubernetes service account ({@code v1 ServiceAccount}). With Workload Identity Federation for GKE it is an IAM
 * principal of its own: {@link #principal} gives it, and grants to it are created under this construct.
 */
public class ServiceAccount extends KubernetesObject {

    public ServiceAccount(Construct scope, String id, ServiceAccountProps props) {
        super(scope, id, new ServiceAccountBuilder()
                .withNewMetadata()
                .withName(KubernetesNames.requireSubdomain("service account name", props.name()))
                .withNamespace(KubernetesNames.requireLabel("namespace name", props.namespace()))
                .withAnnotations(props.annotations())
                .endMetadata()
                .build());
    }

    /**
     * This account as a Workload Identity principal of the project's pool {@code PROJECT_ID.svc.id.goog}.
     *
     * @param projectNumber the project number (may be a token)
     */
    public WorkloadIdentityPrincipal principal(String projectNumber, String projectId) {
        return WorkloadIdentityPrincipal.kubernetesServiceAccount(this, projectNumber, projectId, namespace(), name());
    }
}
