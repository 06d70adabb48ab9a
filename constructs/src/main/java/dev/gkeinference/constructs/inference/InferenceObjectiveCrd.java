package dev.gkeinference.constructs.inference;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gkeinference.constructs.kubernetes.CustomResourceDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
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
    public static Map<String, Object> definition(InferenceObjectiveGroup group) {
        String resource = group.crdResource();
        try (InputStream in = InferenceObjectiveCrd.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled CRD " + resource + " is missing from the classpath");
            }
            return new ObjectMapper(new YAMLFactory()).readValue(in, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled CRD " + resource, e);
        }
    }
}
