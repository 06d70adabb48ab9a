package dev.gkeinference.app.review;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a resource is called in the cloud or the cluster, for the review line: Terraform addresses carry hash
 * suffixes, while reviewers know {@code Deployment inference/vllm-gemma3} or {@code inference-us-east5}.
 */
final class ResourceNames {
    private ResourceNames() {
    }

    /** {@code Kind namespace/name} for a Kubernetes manifest, the literal name (or account id, role) otherwise. */
    static String of(String type, JsonNode config) {
        if (type.equals("kubernetes_manifest")) {
            JsonNode manifest = config.path("manifest");
            String namespace = literal(manifest.path("metadata").path("namespace"));
            String name = literal(manifest.path("metadata").path("name"));
            String kind = literal(manifest.path("kind"));
            return (kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name).trim();
        }
        for (String attribute : new String[] {"name", "account_id", "service"}) {
            String value = literal(config.path(attribute));
            if (!value.isEmpty()) {
                return value;
            }
        }
        String role = literal(config.path("role"));
        String member = literal(config.path("member"));
        return role.isEmpty() || member.isEmpty() ? role : role + " for " + member;
    }

    /** The value when it is written out; references (tokens) are left out, they say nothing to a reviewer. */
    private static String literal(JsonNode value) {
        String text = value.isValueNode() ? value.asText() : "";
        return text.contains("${") ? "" : text;
    }
}
