package dev.gkeinference.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;

/** The cdktf context: {@code cdktf.json}'s "context", passed by the cdktf CLI as {@code CDKTF_CONTEXT_JSON}. */
final class CdktfContext {
    private final JsonNode values;

    private CdktfContext(JsonNode values) {
        this.values = values;
    }

    static CdktfContext fromEnvironment(Map<String, String> env) {
        String json = env.get("CDKTF_CONTEXT_JSON");
        if (json == null || json.isBlank()) {
            return new CdktfContext(null);
        }
        try {
            return new CdktfContext(new ObjectMapper().readTree(json));
        } catch (JsonProcessingException e) {
            throw new UsageException("CDKTF_CONTEXT_JSON is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** A text value of the context; empty when absent or not text. */
    Optional<String> get(String key) {
        if (values == null || !values.path(key).isTextual()) {
            return Optional.empty();
        }
        return Optional.of(values.path(key).asText());
    }
}
