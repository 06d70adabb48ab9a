package dev.gkeinference.constructs.kubernetes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small builders for the plain maps a {@code kubernetes_manifest} takes. Empty optional parts are left out, so the
 * synthesized object holds exactly the fields that were meant, as a hand-written YAML manifest would.
 */
public final class KubernetesMaps {
    private KubernetesMaps() {
    }

    /** A map from alternating keys and values; entries whose value is null, or an empty map or list, are dropped. */
    public static Map<String, Object> map(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            if (!isEmpty(value)) {
                map.put((String) keysAndValues[i], value);
            }
        }
        return map;
    }

    private static boolean isEmpty(Object value) {
        return value == null
                || value instanceof Map<?, ?> m && m.isEmpty()
                || value instanceof List<?> l && l.isEmpty();
    }

    /** {@code {apiVersion, kind, metadata, spec}}; spec is left out when null (e.g. for a ServiceAccount). */
    public static Map<String, Object> object(String apiVersion, String kind, Map<String, Object> metadata,
            Map<String, Object> spec) {
        return map("apiVersion", apiVersion, "kind", kind, "metadata", metadata, "spec", spec);
    }

    /** Metadata of a namespaced object; labels and annotations are left out when empty. */
    public static Map<String, Object> metadata(String name, String namespace, Map<String, String> labels,
            Map<String, String> annotations) {
        return map("name", name, "namespace", namespace, "labels", labels, "annotations", annotations);
    }

    public static Map<String, Object> metadata(String name, String namespace) {
        return metadata(name, namespace, Map.of(), Map.of());
    }
}
