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
 * Installs the InferenceObjective CRD ({@code inferenceobjectives.inference.networking.x-k8s.io}, served as
 * {@code v1alpha2}) exactly as published in Gateway API Inference Extension v1.5.0. GKE does not install it, and
 * later releases dropped it, so the file is bundled with this library (see the README next to it).
 */
public class InferenceObjectiveCrd extends CustomResourceDefinition {
    /** The bundled file, a classpath resource next to this class. */
    public static final String RESOURCE = "inference.networking.x-k8s.io_inferenceobjectives.yaml";
    /** The Gateway API Inference Extension release the file comes from. */
    public static final String SOURCE_VERSION = "v1.5.0";

    public InferenceObjectiveCrd(Construct scope, String id) {
        super(scope, id, definition());
    }

    /** The bundled CRD, parsed. */
    public static Map<String, Object> definition() {
        try (InputStream in = InferenceObjectiveCrd.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled CRD " + RESOURCE + " is missing from the classpath");
            }
            return new ObjectMapper(new YAMLFactory()).readValue(in, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled CRD " + RESOURCE, e);
        }
    }
}
