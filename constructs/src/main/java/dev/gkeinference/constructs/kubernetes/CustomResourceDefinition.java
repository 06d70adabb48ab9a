package dev.gkeinference.constructs.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;
import software.constructs.Construct;

/**
 * Installs a {@code apiextensions.k8s.io/v1} {@code CustomResourceDefinition} as published upstream.
 *
 * <p>Objects of the new kind must live in a stack planned after the one holding this construct:
 * {@code kubernetes_manifest} needs the CRD on the cluster to plan them.
 */
public class CustomResourceDefinition extends KubernetesObject {

    /**
     * @param definition the CRD as parsed from its YAML. A top-level {@code status} is dropped: it is owned by
     *                   the API server (controller-gen writes an empty one into published files), and
     *                   {@code kubernetes_manifest} would otherwise try to manage it.
     */
    public CustomResourceDefinition(Construct scope, String id, Map<String, Object> definition) {
        super(scope, id, withoutStatus(requireCrd(definition)));
    }

    private static Map<String, Object> requireCrd(Map<String, Object> definition) {
        if (!"apiextensions.k8s.io/v1".equals(definition.get("apiVersion"))
                || !"CustomResourceDefinition".equals(definition.get("kind"))) {
            throw new IllegalArgumentException("not an apiextensions.k8s.io/v1 CustomResourceDefinition: apiVersion '"
                    + definition.get("apiVersion") + "', kind '" + definition.get("kind") + "'");
        }
        return definition;
    }

    private static Map<String, Object> withoutStatus(Map<String, Object> definition) {
        Map<String, Object> copy = new LinkedHashMap<>(definition);
        copy.remove("status");
        return copy;
    }
}
