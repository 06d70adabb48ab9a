package dev.gkeinference.constructs.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Reads a resource's Terraform JSON by dotted path. A nested block may be synthesized as an object or as a
 * one-element list; both read the same. Unresolved tokens read as what they are: strings.
 */
final class Json {
    private Json() {
    }

    static JsonNode at(JsonNode resource, String dottedPath) {
        JsonNode node = resource;
        for (String key : dottedPath.split("\\.")) {
            node = firstIfList(node).path(key);
        }
        return firstIfList(node);
    }

    static boolean has(JsonNode resource, String dottedPath) {
        return !at(resource, dottedPath).isMissingNode() && !at(resource, dottedPath).isNull();
    }

    static boolean isTrue(JsonNode value) {
        return value.isBoolean() ? value.booleanValue() : "true".equals(value.asText());
    }

    static boolean isFalse(JsonNode value) {
        return value.isBoolean() ? !value.booleanValue() : "false".equals(value.asText());
    }

    static String text(JsonNode value) {
        return value.isValueNode() ? value.asText() : "";
    }

    private static JsonNode firstIfList(JsonNode node) {
        if (node.isArray()) {
            return node.size() > 0 ? node.get(0) : MissingNode.getInstance();
        }
        return node;
    }
}
