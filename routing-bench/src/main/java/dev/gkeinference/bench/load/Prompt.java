package dev.gkeinference.bench.load;

/**
 * One request of a workload. {@code chat} requests go to /v1/chat/completions with a system and a user message,
 * others to /v1/completions with {@code system + user} as the prompt. {@code group} names the shared prefix
 * (-1 when the prompt shares none).
 */
public record Prompt(boolean chat, String system, String user, int promptTokens, int outputTokens, int group) {
}
