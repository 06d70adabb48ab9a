package dev.gkeinference.constructs.gke;

import com.hashicorp.cdktf.providers.google.project_iam_member.ProjectIamMember;
import com.hashicorp.cdktf.providers.google.service_account.ServiceAccount;
import java.util.List;
import java.util.regex.Pattern;
import software.constructs.Construct;

/**
 * A dedicated, least-privilege service account for GKE nodes, instead of the Compute Engine default account (which
 * holds project Editor). Its roles are GKE's recommended minimum for node service accounts, which covers shipping
 * logs and metrics and writing the metrics the HPA performance profile and utilization-based load balancing read
 * ({@code autoscaling.sites.writeMetrics}), plus pulling images.
 */
public class NodeServiceAccount extends Construct {
    /** Role → why nodes need it. Each role is one {@code google_project_iam_member} whose id is its short name. */
    public static final List<String> ROLES = List.of(
            "roles/container.defaultNodeServiceAccount",     // logs, metrics, custom metrics for HPA and the LB
            "roles/artifactregistry.reader");                // pull images from Artifact Registry

    private static final Pattern ACCOUNT_ID = Pattern.compile("[a-z]([-a-z0-9]{4,28}[a-z0-9])");

    private final ServiceAccount account;

    public NodeServiceAccount(Construct scope, String id, String project, String accountId, String displayName) {
        super(scope, id);
        requireAccountId(accountId);
        this.account = ServiceAccount.Builder.create(this, "account")
                .project(project)
                .accountId(accountId)
                .displayName(displayName)
                .build();
        for (String role : ROLES) {
            ProjectIamMember.Builder.create(this, role.substring("roles/".length()))
                    .project(project)
                    .role(role)
                    .member("serviceAccount:" + account.getEmail())
                    .build();
        }
    }

    /** 6-30 lower-case letters, digits or '-', starting with a letter and not ending with '-'. */
    public static void requireAccountId(String accountId) {
        if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
            throw new IllegalArgumentException("'" + accountId + "' is not a service account id: use 6-30 lower-case"
                    + " letters, digits or '-', starting with a letter and not ending with '-'");
        }
    }

    public String email() {
        return account.getEmail();
    }
}
