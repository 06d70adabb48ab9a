package dev.gkeinference.bench.load;

import java.util.List;

/**
 * One request of a workload. {@code chat} requests go to /v1/chat/completions with a system message, the earlier
 * turns of the conversation ({@code history}: user, assistant, user, assistant, ...) and the user message; others go
 * to /v1/completions with {@code system + user} as the prompt. {@code group} names the shared prefix (a document,
 * a tenant's context, a conversation), -1 when the prompt shares none.
 */
public record Prompt(boolean chat, String system, List<String> history, String user, int promptTokens,
                     int outputTokens, int group) {

    public Prompt {
        history = List.copyOf(history);
        if (history.size() % 2 != 0) {
            throw new IllegalArgumentException("history alternates user and assistant turns");
        }
    }

    /** A single-turn prompt. */
    public Prompt(boolean chat, String system, String user, int promptTokens, int outputTokens, int group) {
        this(chat, system, List.of(), user, promptTokens, outputTokens, group);
    }
}
