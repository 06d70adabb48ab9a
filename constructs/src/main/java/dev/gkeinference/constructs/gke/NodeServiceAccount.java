package dev.gkeinference.constructs.gke;

import com.hashicorp.cdktf.Token;
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
public class NodeServiceAccount extends Construct implements IServiceAccount {
    /** Role → why nodes need it. Each role is one {@code google_project_iam_member} whose id is its short name. */
    public static final List<String> ROLES = List.of(
            "roles/container.defaultNodeServiceAccount",     // logs, metrics, custom metrics for HPA and the LB
            "roles/artifactregistry.reader");                // pull images from Artifact Registry

    private static final Pattern ACCOUNT_ID = Pattern.compile("[a-z]([-a-z0-9]{4,28}[a-z0-9])");
    /** {@code NAME@PROJECT.iam.gserviceaccount.com}, or Google's own ({@code …@developer.gserviceaccount.com}). */
    private static final Pattern EMAIL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?@([a-z0-9][-a-z0-9.:]*\\.)?"
            + "gserviceaccount\\.com");

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
                    .member(member())
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

    /**
     * An existing Google service account, for what takes one (a node pool's nodes); it creates nothing and grants
     * it no role.
     *
     * @param email {@code NAME@PROJECT.iam.gserviceaccount.com} or another {@code …gserviceaccount.com} account
     */
    public static IServiceAccount fromEmail(Construct scope, String id, String email) {
        return new Imported(scope, id, requireEmail(email));
    }

    /** The email of a service account, {@code …@…gserviceaccount.com}; a token is Google's to check. */
    private static String requireEmail(String email) {
        if (email != null && Token.isUnresolved(email)) {
            return email;
        }
        if (email == null || !EMAIL.matcher(email).matches()) {
            throw new IllegalArgumentException((email == null ? "missing" : "'" + email + "'") + " is not the email"
                    + " of a service account: use NAME@PROJECT.iam.gserviceaccount.com (or another"
                    + " …@…gserviceaccount.com account), lower-case");
        }
        return email;
    }

    @Override
    public String email() {
        return account.getEmail();
    }

    /** An account this deployment does not manage: only its email. */
    private static final class Imported extends Construct implements IServiceAccount {
        private final String email;

        Imported(Construct scope, String id, String email) {
            super(scope, id);
            this.email = email;
        }

        @Override
        public String email() {
            return email;
        }
    }
}
