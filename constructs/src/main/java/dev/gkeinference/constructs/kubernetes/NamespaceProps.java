package dev.gkeinference.constructs.kubernetes;

import java.util.Map;
import java.util.Objects;

/**
 * Properties of a {@link Namespace}.
 *
 * @param name   the namespace name (an RFC 1123 label)
 * @param labels labels on the namespace. Default: none
 */
public record NamespaceProps(String name, Map<String, String> labels) {

    public NamespaceProps {
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels == null ? Map.of() : labels);
    }

    public static NamespaceProps of(String name) {
        return new NamespaceProps(name, Map.of());
    }
}
