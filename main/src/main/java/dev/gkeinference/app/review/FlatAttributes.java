package dev.gkeinference.app.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Flattens a resource's Terraform JSON into attribute paths, the way a plan names them:
 * {@code node_config.machine_type}, {@code secondary_ip_range[1].range_name},
 * {@code node_config.labels["cloud.google.com/gke-tpu-topology"]}. Lists of scalars stay one value, because
 * Terraform compares them as a whole ({@code node_locations}, {@code oauth_scopes}).
 */
final class FlatAttributes {
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");

    private FlatAttributes() {
    }

    static SortedMap<String, JsonNode> of(JsonNode resource) {
        SortedMap<String, JsonNode> flat = new TreeMap<>();
        flatten("", resource, flat);
        return flat;
    }

    /** The path without list indexes, which is how replacement rules name attributes. */
    static String schemaPath(String path) {
        return INDEX.matcher(path).replaceAll("");
    }

    private static void flatten(String prefix, JsonNode node, SortedMap<String, JsonNode> into) {
        if (node.isObject() && node.size() > 0) {
            node.properties().forEach(e -> flatten(child(prefix, e.getKey()), e.getValue(), into));
        } else if (node.isArray() && containsObjects(node)) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "[" + i + "]", node.get(i), into);
            }
        } else {
            into.put(prefix, node);
        }
    }

    private static String child(String prefix, String key) {
        if (!PLAIN_KEY.matcher(key).matches()) {
            return prefix + "[\"" + key + "\"]";
        }
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    private static boolean containsObjects(JsonNode array) {
        for (JsonNode element : array) {
            if (element.isObject()) {
                return true;
            }
        }
        return false;
    }
}
