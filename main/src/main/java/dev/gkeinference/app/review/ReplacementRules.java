package dev.gkeinference.app.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * The attributes whose change takes a resource away, per resource type the project emits. Taken from the
 * hashicorp/google 7.x and hashicorp/kubernetes schemas ({@code ForceNew}); a rule on a block covers every
 * attribute inside it. Types not listed here are reported as "replacement not assessed", never silently as safe.
 *
 * <p>Two entries are not {@code ForceNew} in the provider but are flagged anyway, because the plan hides what
 * they cost: GKE applies a node pool's machine type, disk or image change, and a change of its zones, by
 * recreating every node, so TPU capacity is gone while it rolls ({@link Replacement#RECREATES_NODES}).
 */
public final class ReplacementRules {
    private record Rule(String path, Replacement effect, BiPredicate<JsonNode, JsonNode> when) {
        boolean covers(String schemaPath) {
            return schemaPath.equals(path) || schemaPath.startsWith(path + ".") || schemaPath.startsWith(path + "[");
        }
    }

    private static final BiPredicate<JsonNode, JsonNode> ALWAYS = (before, after) -> true;

    private final Map<String, List<Rule>> byType = new HashMap<>();

    private ReplacementRules() {
    }

    /** The rules for the google and kubernetes resources this project synthesizes. */
    public static ReplacementRules standard() {
        ReplacementRules rules = new ReplacementRules();
        rules.forceNew("google_container_cluster", "name", "location", "project", "network", "subnetwork",
                "datapath_provider", "networking_mode", "initial_node_count", "description", "cluster_ipv4_cidr",
                "default_max_pods_per_node", "enable_autopilot", "enable_tpu", "enable_kubernetes_alpha",
                "ip_allocation_policy.cluster_secondary_range_name",
                "ip_allocation_policy.services_secondary_range_name",
                "ip_allocation_policy.cluster_ipv4_cidr_block", "ip_allocation_policy.services_ipv4_cidr_block",
                "private_cluster_config.master_ipv4_cidr_block",
                "private_cluster_config.private_endpoint_subnetwork",
                // the default node pool's config: only applies while it exists, but changing it replaces the cluster
                "node_config.service_account", "node_config.machine_type", "node_config.disk_size_gb",
                "node_config.oauth_scopes", "node_config.metadata");
        rules.forceNew("google_container_node_pool", "name", "name_prefix", "location", "cluster", "project",
                "initial_node_count", "max_pods_per_node", "placement_policy", "queued_provisioning",
                "network_config.accelerator_network_profile", "network_config.create_pod_range",
                "network_config.pod_range", "network_config.pod_ipv4_cidr_block",
                "network_config.additional_node_network_configs", "network_config.additional_pod_network_configs",
                "node_config.spot", "node_config.preemptible", "node_config.service_account",
                "node_config.oauth_scopes", "node_config.guest_accelerator", "node_config.reservation_affinity",
                "node_config.shielded_instance_config", "node_config.local_ssd_count", "node_config.min_cpu_platform",
                "node_config.metadata", "node_config.boot_disk_kms_key", "node_config.sole_tenant_config",
                "node_config.secondary_boot_disks", "node_config.ephemeral_storage_local_ssd_config",
                "node_config.local_nvme_ssd_block_config", "node_config.advanced_machine_features");
        rules.recreatesNodes("google_container_node_pool", "node_locations", "node_config.machine_type",
                "node_config.disk_type", "node_config.disk_size_gb", "node_config.boot_disk", "node_config.image_type");
        rules.forceNew("google_storage_bucket", "name", "location", "project", "custom_placement_config",
                "hierarchical_namespace");
        rules.forceNew("google_storage_bucket_object", "name", "bucket", "source", "content", "detect_md5hash",
                "source_md5hash", "content_type", "cache_control", "content_encoding", "content_disposition",
                "content_language", "storage_class", "kms_key_name", "customer_encryption");
        rules.forceNew("google_compute_network", "name", "project", "auto_create_subnetworks", "description",
                "delete_default_routes_on_create", "enable_ula_internal_ipv6", "internal_ipv6_range");
        rules.forceNew("google_compute_subnetwork", "name", "network", "region", "project", "purpose",
                "reserved_internal_range");
        // the primary range may grow in place (the new range contains the old one); anything else recreates it
        rules.add("google_compute_subnetwork", new Rule("ip_cidr_range", Replacement.FORCES_NEW,
                (before, after) -> !Cidrs.expands(before.asText(), after.asText())));
        rules.forceNew("google_compute_router", "name", "network", "region", "project",
                "encrypted_interconnect_router");
        rules.forceNew("google_compute_router_nat", "name", "router", "region", "project");
        rules.forceNew("google_compute_firewall", "name", "network", "project", "direction");
        rules.forceNew("google_compute_address", "name", "address", "address_type", "description", "network",
                "subnetwork", "purpose", "region", "network_tier", "prefix_length", "ip_version",
                "ipv6_endpoint_type", "project");
        rules.forceNew("google_compute_global_address", "name", "address", "address_type", "description",
                "network", "purpose", "prefix_length", "ip_version", "project");
        rules.forceNew("google_compute_reservation", "name", "zone", "project", "specific_reservation_required",
                "specific_reservation.instance_properties", "share_settings");
        rules.forceNew("google_project_service", "service", "project");
        rules.forceNew("google_service_account", "account_id", "project");
        rules.forceNew("google_service_account_key", "service_account_id", "key_algorithm",
                "public_key_type", "private_key_type", "keepers");
        rules.forceNew("google_project_iam_custom_role", "role_id", "project");
        rules.forceNew("google_gke_hub_feature", "name", "location", "project");
        rules.forceNew("google_gke_hub_feature_membership", "feature", "location", "membership",
                "membership_location", "project");
        rules.forceNew("google_gke_hub_membership", "membership_id", "location", "project",
                "endpoint.gke_cluster.resource_link");
        // a manifest's identity: the kubernetes provider plans a replacement when any of these change
        rules.forceNew("kubernetes_manifest", "manifest.apiVersion", "manifest.kind", "manifest.metadata.name",
                "manifest.metadata.namespace");
        rules.forceNew("time_sleep", "triggers");
        rules.forceNew("terraform_data", "triggers_replace");
        rules.forceNew("null_resource", "triggers");
        return rules;
    }

    /** Whether the type's replacement-forcing attributes are known, so an in-place "change" can be trusted. */
    public boolean knows(String type) {
        return byType.containsKey(type) || isIamMember(type) || isTypedKubernetesObject(type);
    }

    /** What changing {@code path} (a {@link FlatAttributes} path) from {@code before} to {@code after} costs. */
    public Optional<Replacement> replacementFor(String type, String path, JsonNode before, JsonNode after) {
        if (isIamMember(type)) {
            return Optional.of(Replacement.FORCES_NEW); // IAM members have no update: every argument is ForceNew
        }
        String schemaPath = FlatAttributes.schemaPath(path);
        if (isTypedKubernetesObject(type) && (schemaPath.startsWith("metadata.name")
                || schemaPath.startsWith("metadata.namespace") || schemaPath.startsWith("metadata.generate_name"))) {
            return Optional.of(Replacement.FORCES_NEW);
        }
        for (Rule rule : byType.getOrDefault(type, List.of())) {
            if (rule.covers(schemaPath) && rule.when().test(orMissing(before), orMissing(after))) {
                return Optional.of(rule.effect());
            }
        }
        return Optional.empty();
    }

    private static JsonNode orMissing(JsonNode node) {
        return node == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node;
    }

    private static boolean isIamMember(String type) {
        return type.startsWith("google_") && type.endsWith("_iam_member");
    }

    /** kubernetes_namespace_v1, kubernetes_service_account_v1, ...: name and namespace are ForceNew. */
    private static boolean isTypedKubernetesObject(String type) {
        return type.startsWith("kubernetes_") && !type.equals("kubernetes_manifest");
    }

    private void forceNew(String type, String... paths) {
        for (String path : paths) {
            add(type, new Rule(path, Replacement.FORCES_NEW, ALWAYS));
        }
    }

    private void recreatesNodes(String type, String... paths) {
        for (String path : paths) {
            add(type, new Rule(path, Replacement.RECREATES_NODES, ALWAYS));
        }
    }

    private void add(String type, Rule rule) {
        byType.computeIfAbsent(type, t -> new ArrayList<>()).add(rule);
    }
}
