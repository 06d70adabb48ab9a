package dev.gkeinference.bench.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** The parts of an OpenAI completions or chat-completions body the simulator acts on. */
record CompletionRequest(boolean chat, String model, String promptText, int maxTokens, boolean stream,
                         boolean includeUsage) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static CompletionRequest parse(byte[] body, boolean chat, int defaultMaxTokens, String defaultModel)
            throws IOException {
        JsonNode root = JSON.readTree(body);
        if (root == null || !root.isObject()) {
            throw new IOException("body is not a JSON object");
        }
        String prompt = chat ? flattenMessages(root.path("messages")) : promptOf(root.path("prompt"));
        int maxTokens = root.has("max_completion_tokens") ? root.get("max_completion_tokens").asInt()
                : root.path("max_tokens").asInt(defaultMaxTokens);
        if (maxTokens < 1) {
            throw new IOException("max_tokens must be >= 1");
        }
        return new CompletionRequest(chat, root.path("model").asText(defaultModel), prompt, maxTokens,
                root.path("stream").asBoolean(false),
                root.path("stream_options").path("include_usage").asBoolean(false));
    }

    private static String promptOf(JsonNode prompt) throws IOException {
        if (prompt.isTextual()) {
            return prompt.asText();
        }
        if (prompt.isArray() && prompt.size() > 0 && prompt.get(0).isTextual()) {
            return prompt.get(0).asText();
        }
        throw new IOException("'prompt' must be a string");
    }

    /** Role and content in order, so conversations sharing their first messages share a token prefix. */
    private static String flattenMessages(JsonNode messages) throws IOException {
        if (!messages.isArray() || messages.isEmpty()) {
            throw new IOException("'messages' must be a non-empty array");
        }
        StringBuilder b = new StringBuilder();
        for (JsonNode m : messages) {
            b.append(m.path("role").asText()).append(": ").append(m.path("content").asText()).append('\n');
        }
        return b.toString();
    }
}
