package dev.gkeinference.constructs.kubernetes;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.util.Map;

/**
 * The one place a typed Kubernetes object becomes the plain map {@code kubernetes_manifest} takes. The model's own
 * Jackson annotations decide what is written: null fields and empty lists and maps are left out, so the manifest
 * holds exactly the fields that were set, as a hand-written YAML manifest would.
 */
public final class ManifestMapper {
    // One mapper for every object: building one is costly, using it is thread-safe.
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private ManifestMapper() {
    }

    /** The object as nested maps, lists and scalars. */
    public static Map<String, Object> toManifest(KubernetesResource object) {
        return MAPPER.convertValue(object, MAP);
    }
}
