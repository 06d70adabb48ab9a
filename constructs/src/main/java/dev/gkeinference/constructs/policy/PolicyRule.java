package dev.gkeinference.constructs.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;

/**
 * The organisation's baseline for GKE, Cloud Storage and IAM, checked on each resource's Terraform JSON at synth
 * time. Each rule carries the checkov id of the same check where one exists, so findings of an external
 * {@code checkov --framework terraform_json} run can be matched to these ids (and waived the same way).
 */
public enum PolicyRule {
    GKE_PRIVATE_NODES("gke-private-nodes", "CKV_GCP_64",
            "nodes must have internal IP addresses only",
            "set private_cluster_config.enable_private_nodes = true on the cluster and do not set"
                    + " network_config.enable_private_nodes = false on node pools") {
        @Override
        Optional<String> problem(String type, JsonNode r) {
            if (CLUSTER.equals(type) && !Json.isTrue(Json.at(r, "private_cluster_config.enable_private_nodes"))) {
                return Optional.of("private_cluster_config.enable_private_nodes is not true");
            }
            if (NODE_POOL.equals(type) && Json.isFalse(Json.at(r, "network_config.enable_private_nodes"))) {
                return Optional.of("network_config.enable_private_nodes is false");
            }
            return Optional.empty();
        }
    },
    GKE_WORKLOAD_IDENTITY("gke-workload-identity", null,
            "pods must reach Google APIs as their Kubernetes service account (Workload Identity)",
            "set workload_identity_config.workload_pool = \"<project>.svc.id.goog\" on the cluster") {
        @Override
        Optional<String> problem(String type, JsonNode r) {
            return CLUSTER.equals(type) && Json.text(Json.at(r, "workload_identity_config.workload_pool")).isEmpty()
                    ? Optional.of("workload_identity_config.workload_pool is not set") : Optional.empty();
        }
    },
    GKE_METADATA_SERVER("gke-metadata-server", "CKV_GCP_69",
            "nodes must serve the GKE metadata server so pods cannot read the node's credentials",
            "set node_config.workload_metadata_config.mode = \"GKE_METADATA\"") {
        @Override
        Optional<String> problem(String type, JsonNode r) {
            if (!NODE_POOL.equals(type) && !(CLUSTER.equals(type) && Json.has(r, "node_config"))) {
                return Optional.empty();
            }
            String mode = Json.text(Json.at(r, "node_config.workload_metadata_config.mode"));
            return "GKE_METADATA".equals(mode) ? Optional.empty()
                    : Optional.of("node_config.workload_metadata_config.mode is " + describe(mode));
        }
    },
    GKE_SHIELDED_NODES("gke-shielded-nodes", "CKV_GCP_71",
            "nodes must be shielded GKE nodes (verified boot identity)",
            "leave enable_shielded_nodes unset or set it to true") {
        @Override
        Optional<String> problem(String type, JsonNode r) {
            return CLUSTER.equals(type) && Json.isFalse(Json.at(r, "enable_shielded_nodes"))
                    ? Optional.of("enable_shielded_nodes is false") : Optional.empty();
        }
    },
    GKE_RELEASE_CHANNEL("gke-release-channel", "CKV_GCP_70",
            "the cluster must be enrolled in a release channel",
            "set release_channel.channel to RAPID, REGULAR, STABLE or EXTENDED") {
        @Override
        Optional<String> problem(String type, JsonNode r) {
            if (!CLUSTER.equals(type)) {
                return Optional.empty();
            }
            String channel = Json.text(Json.at(r, "release_channel.channel"));
            return channel.isEmpty() || "UNSPECIFIED".equals(channel)
                    ? Optional.of("release_channel.channel is " + describe(channel)) : Optional.empty();
        }
    },
    GKE_NODE_AUTO_REPAIR("gke-node-auto-repair", "CKV_GCP_9",
            "node pools must repair unhealthy nodes automatically",
            "set management.auto_repair = true on the node pool") {
        @Override
        Optional<String> problem(String type, JsonNode r) {
            return NODE_POOL.equals(type) && !Json.isTrue(Json.at(r, "management.auto_repair"))
                    ? Optional.of("management.auto_repair is not true") : Optional.empty();
        }
    },
    GKE_NODE_AUTO_UPGRADE("gke-node-auto-upgrade", "CKV_GCP_10",
            "node pools must follow the control plane version automatically",
            "set management.auto_upgrade = true on the node pool") {
        @Override
        Optional<String> problem(String type, JsonNode r) {
            return NODE_POOL.equals(type) && !Json.isTrue(Json.at(r, "management.auto_upgrade"))
                    ? Optional.of("management.auto_upgrade is not true") : Optional.empty();
        }
    },
    GKE_NO_DEFAULT_SERVICE_ACCOUNT("gke-no-default-service-account", null,
            "nodes must run as a dedicated least-privilege service account, not the Compute Engine default",
            "set node_config.service_account to a dedicated service account's email") {
        @Override
        Optional<String> problem(String type, JsonNode r) {
            boolean defaultPoolKept = CLUSTER.equals(type) && !Json.isTrue(Json.at(r, "remove_default_node_pool"));
            if (!NODE_POOL.equals(type) && !defaultPoolKept && !(CLUSTER.equals(type) && Json.has(r, "node_config"))) {
                return Optional.empty();
            }
            String account = Json.text(Json.at(r, "node_config.service_account"));
            if (account.isEmpty() || "default".equals(account)
                    || account.endsWith("-compute@developer.gserviceaccount.com")) {
                return Optional.of("node_config.service_account is " + describe(account));
            }
            return Optional.empty();
        }
    },
    GKE_LEGACY_ABAC_OFF("gke-legacy-abac-off", "CKV_GCP_7",
            "legacy ABAC must stay off so RBAC alone authorizes requests",
            "remove enable_legacy_abac or set it to false") {
        @Override
        Optional<String> problem(String type, JsonNode r) {
            return CLUSTER.equals(type) && Json.isTrue(Json.at(r, "enable_legacy_abac"))
                    ? Optional.of("enable_legacy_abac is true") : Optional.empty();
        }
    },
    GCS_UNIFORM_ACCESS("gcs-uniform-access", "CKV_GCP_29",
            "buckets must use uniform bucket-level access (IAM only, no object ACLs)",
            "set uniform_bucket_level_access = true") {
        @Override
        Optional<String> problem(String type, JsonNode r) {
            return BUCKET.equals(type) && !Json.isTrue(Json.at(r, "uniform_bucket_level_access"))
                    ? Optional.of("uniform_bucket_level_access is not true") : Optional.empty();
        }
    },
    GCS_PUBLIC_ACCESS_PREVENTION("gcs-public-access-prevention", "CKV_GCP_114",
            "buckets must enforce public access prevention",
            "set public_access_prevention = \"enforced\"") {
        @Override
        Optional<String> problem(String type, JsonNode r) {
            String value = Json.text(Json.at(r, "public_access_prevention"));
            return BUCKET.equals(type) && !"enforced".equals(value)
                    ? Optional.of("public_access_prevention is " + describe(value)) : Optional.empty();
        }
    },
    IAM_NO_PRIMITIVE_ROLES("iam-no-primitive-roles", "CKV_GCP_117",
            "basic roles (owner, editor, viewer) must not be granted; they span every service in the project",
            "grant a predefined or custom role with only the permissions needed") {
        @Override
        Optional<String> problem(String type, JsonNode r) {
            String role = Json.text(Json.at(r, "role"));
            return isIamGrant(type) && BASIC_ROLES.contains(role)
                    ? Optional.of("role is \"" + role + "\"") : Optional.empty();
        }
    },
    IAM_NO_SERVICE_ACCOUNT_KEYS("iam-no-service-account-keys", null,
            "service account keys must not be created; they are long-lived secrets",
            "remove the google_service_account_key and use Workload Identity or impersonation") {
        @Override
        Optional<String> problem(String type, JsonNode r) {
            return "google_service_account_key".equals(type)
                    ? Optional.of("a service account key is created") : Optional.empty();
        }
    };

    static final String CLUSTER = "google_container_cluster";
    static final String NODE_POOL = "google_container_node_pool";
    static final String BUCKET = "google_storage_bucket";
    static final Set<String> BASIC_ROLES = Set.of("roles/owner", "roles/editor", "roles/viewer");

    private final String id;
    private final String checkovId;
    private final String requirement;
    private final String fix;

    PolicyRule(String id, String checkovId, String requirement, String fix) {
        this.id = id;
        this.checkovId = checkovId;
        this.requirement = requirement;
        this.fix = fix;
    }

    /** What is wrong with this resource, or empty when it complies (or the rule does not apply to its type). */
    abstract Optional<String> problem(String type, JsonNode resource);

    public String id() {
        return id;
    }

    /** The checkov check of the same requirement, if checkov has one. */
    public Optional<String> checkovId() {
        return Optional.ofNullable(checkovId);
    }

    public String requirement() {
        return requirement;
    }

    public String fix() {
        return fix;
    }

    /** {@code gke-private-nodes (CKV_GCP_64)} or just the id when checkov has no equivalent. */
    public String label() {
        return checkovId == null ? id : id + " (" + checkovId + ")";
    }

    private static boolean isIamGrant(String type) {
        return type.startsWith("google_") && (type.endsWith("_iam_member") || type.endsWith("_iam_binding"));
    }

    private static String describe(String value) {
        return value.isEmpty() ? "not set" : "\"" + value + "\"";
    }
}
