package dev.gkeinference.picker.response;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Token usage a model server reported for one response; -1 where it did not say.
 *
 * @param promptTokens     all prompt tokens, cached ones included
 * @param cachedTokens     prompt tokens served from the prefix cache (vLLM: with {@code --enable-prompt-tokens-details})
 * @param completionTokens generated tokens
 */
public record Usage(long promptTokens, long cachedTokens, long completionTokens) {

    public static final Usage UNKNOWN = new Usage(-1, -1, -1);

    /**
     * Reads a {@code usage} object of any of the APIs: OpenAI completions and chat ({@code prompt_tokens},
     * {@code prompt_tokens_details.cached_tokens}), the Responses API ({@code input_tokens},
     * {@code input_tokens_details.cached_tokens}) and Anthropic Messages ({@code input_tokens} without the cache,
     * {@code cache_read_input_tokens}, {@code cache_creation_input_tokens}).
     */
    public static Usage of(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return UNKNOWN;
        }
        long completion = first(usage.get("completion_tokens"), usage.get("output_tokens"));
        long cacheRead = count(usage.get("cache_read_input_tokens"));
        long cacheCreation = count(usage.get("cache_creation_input_tokens"));
        long cached = first(usage.path("prompt_tokens_details").get("cached_tokens"),
                usage.path("input_tokens_details").get("cached_tokens"), usage.get("cache_read_input_tokens"));
        long prompt = count(usage.get("prompt_tokens"));
        long input = count(usage.get("input_tokens"));
        if (prompt < 0 && input >= 0) {
            // Anthropic counts cache reads and writes apart from input_tokens; OpenAI's input_tokens include them.
            prompt = input + Math.max(0, cacheRead) + Math.max(0, cacheCreation);
        }
        return new Usage(prompt, cached, completion);
    }

    /** Fields this one knows win; the others keep {@code earlier}'s (streamed APIs report usage in parts). */
    public Usage over(Usage earlier) {
        return new Usage(promptTokens >= 0 ? promptTokens : earlier.promptTokens,
                cachedTokens >= 0 ? cachedTokens : earlier.cachedTokens,
                completionTokens >= 0 ? completionTokens : earlier.completionTokens);
    }

    private static long first(JsonNode... candidates) {
        for (JsonNode n : candidates) {
            long v = count(n);
            if (v >= 0) {
                return v;
            }
        }
        return -1;
    }

    private static long count(JsonNode n) {
        return n != null && n.isIntegralNumber() && n.asLong() >= 0 ? n.asLong() : -1;
    }
}
