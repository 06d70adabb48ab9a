package dev.gkeinference.constructs.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import software.constructs.Construct;

/**
 * Installs a {@code apiextensions.k8s.io/v1} {@code CustomResourceDefinition} as published upstream.
 *
 * <p>Objects of the new kind must live in a stack planned after the one holding this construct:
 * {@code kubernetes_manifest} needs the CRD on the cluster to plan them.
 */
public class CustomResourceDefinition extends KubernetesObject {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * @param definition the CRD as read by {@link #read}: its schema stays the document as published (a typed CRD
     *                   model would rewrite numbers such as {@code minimum: 0} as {@code 0.0}). A top-level
     *                   {@code status} is dropped: it is owned by the API server (controller-gen writes an empty one
     *                   into published files), and {@code kubernetes_manifest} would otherwise try to manage it.
     */
    public CustomResourceDefinition(Construct scope, String id, GenericKubernetesResource definition) {
        super(scope, id, withoutStatus(requireCrd(definition)));
    }

    /** A CRD from its YAML file. */
    public static GenericKubernetesResource read(InputStream yaml, String what) {
        try {
            return YAML.readValue(yaml, GenericKubernetesResource.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CRD " + what, e);
        }
    }

    private static GenericKubernetesResource requireCrd(GenericKubernetesResource definition) {
        if (!"apiextensions.k8s.io/v1".equals(definition.getApiVersion())
                || !"CustomResourceDefinition".equals(definition.getKind())) {
            throw new IllegalArgumentException("not an apiextensions.k8s.io/v1 CustomResourceDefinition: apiVersion '"
                    + definition.getApiVersion() + "', kind '" + definition.getKind() + "'");
        }
        return definition;
    }

    private static GenericKubernetesResource withoutStatus(GenericKubernetesResource definition) {
        GenericKubernetesResource copy = YAML.convertValue(definition, GenericKubernetesResource.class);
        copy.getAdditionalProperties().remove("status");
        return copy;
    }
}
