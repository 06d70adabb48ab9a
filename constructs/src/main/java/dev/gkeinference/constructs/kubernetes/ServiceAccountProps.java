package dev.gkeinference.constructs.kubernetes;

import java.util.Map;
import java.util.Objects;

/**
 * Properties of a {@link ServiceAccount}.
 *
 * @param name        the service account name
 * @param namespace   its namespace
 * @param annotations annotations. Default: none (no {@code iam.gke.io/gcp-service-account}: the account is
 *                    granted roles directly as a Workload Identity principal, without a Google service account)
 */
public record ServiceAccountProps(String name, String namespace, Map<String, String> annotations) {

    public ServiceAccountProps {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
        annotations = Map.copyOf(annotations == null ? Map.of() : annotations);
    }

    public static ServiceAccountProps of(String name, String namespace) {
        return new ServiceAccountProps(name, namespace, Map.of());
    }
}
