package dev.gkeinference.constructs.inference;

import dev.gkeinference.constructs.kubernetes.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import software.constructs.Construct;

/**
 * Installs the InferenceObjective CRD of one {@link InferenceObjectiveGroup}, exactly as published upstream. GKE
 * installs neither, so both files are bundled with this library (see the README next to them).
 */
public class InferenceObjectiveCrd extends CustomResourceDefinition {

    public InferenceObjectiveCrd(Construct scope, String id, InferenceObjectiveGroup group) {
        super(scope, id, definition(group));
    }

    /** The bundled CRD of a group, parsed. */
    public static GenericKubernetesResource definition(InferenceObjectiveGroup group) {
        String resource = group.crdResource();
        try (InputStream in = InferenceObjectiveCrd.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled CRD " + resource + " is missing from the classpath");
            }
            return CustomResourceDefinition.read(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled CRD " + resource, e);
        }
    }
}
