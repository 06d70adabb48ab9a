package dev.gkeinference.picker.request;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ApiKindTest {

    @Test
    void knownPathsWithJsonOrNoContentTypeAreRead() {
        assertEquals(ApiKind.CHAT_COMPLETIONS, ApiKind.of("/v1/chat/completions", "application/json"));
        assertEquals(ApiKind.COMPLETIONS, ApiKind.of("/v1/completions?debug=1", "application/json; charset=utf-8"));
        assertEquals(ApiKind.RESPONSES, ApiKind.of("/v1/responses", null));
        assertEquals(ApiKind.ANTHROPIC_MESSAGES, ApiKind.of("/v1/messages", "application/json"));
        assertEquals(ApiKind.EMBEDDINGS, ApiKind.of("/openai/v1/embeddings/", "application/vnd.api+json"));
    }

    @Test
    void otherPathsAndNonJsonBodiesAreNot() {
        assertNull(ApiKind.of("/v1/audio/transcriptions", "multipart/form-data; boundary=x"));
        assertNull(ApiKind.of("/v1/chat/completions", "multipart/form-data; boundary=x"));
        assertNull(ApiKind.of("/v1/messages/count_tokens", "application/json"));
        assertNull(ApiKind.of("/v1/models", "application/json"));
        assertNull(ApiKind.of(null, "application/json"));
    }
}
