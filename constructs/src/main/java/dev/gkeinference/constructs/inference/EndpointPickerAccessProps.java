package dev.gkeinference.constructs.inference;

import java.util.Objects;

/**
 * Properties of an {@link EndpointPickerAccess}.
 *
 * @param name      name of the service account, the role and the binding, e.g. {@code <pool>-epp}
 * @param namespace the namespace of the pool and the picker
 */
public record EndpointPickerAccessProps(String name, String namespace) {

    public EndpointPickerAccessProps {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
    }
}
