package dev.gkeinference.picker.request;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The prompt text of a request body, in the order the model server renders it — tool definitions, then the system
 * prompt or instructions, then the messages — so requests that share those share a prefix. Without a tokenizer this
 * is what prefix affinity hashes.
 */
final class PromptText {

    private final StringBuilder text;
    private final ByteArrayOutputStream tokenIds = new ByteArrayOutputStream();

    private PromptText(int sizeHint) {
        this.text = new StringBuilder(sizeHint);
    }

    static byte[] of(ApiKind kind, JsonNode root, int bodySize) {
        JsonNode single = kind == ApiKind.COMPLETIONS ? root.get("prompt")
                : kind == ApiKind.EMBEDDINGS ? root.get("input") : null;
        if (single != null && single.isTextual()) {
            return single.asText().getBytes(StandardCharsets.UTF_8); // the common case, encoded once
        }
        PromptText out = new PromptText(bodySize);
        switch (kind) {
            case COMPLETIONS, EMBEDDINGS -> out.content(single);
            case CHAT_COMPLETIONS -> out.tools(root).messages(root.get("messages"));
            case RESPONSES -> out.tools(root).system(root.get("instructions")).messages(root.get("input"));
            case ANTHROPIC_MESSAGES -> out.tools(root).system(root.get("system")).messages(root.get("messages"));
        }
        return out.bytes();
    }

    private PromptText tools(JsonNode root) {
        JsonNode tools = root.get("tools");
        if (tools != null && !tools.isNull()) {
            text.append("tools: ").append(tools).append('\n');
        }
        return this;
    }

    private PromptText system(JsonNode system) {
        if (system != null && !system.isNull()) {
            text.append("system: ");
            content(system);
            text.append('\n');
        }
        return this;
    }

    /** Role and content of each message; a plain string (Responses API {@code input}) is one user message. */
    private PromptText messages(JsonNode messages) {
        if (messages == null || messages.isNull()) {
            return this;
        }
        if (!messages.isArray()) {
            text.append("user: ");
            content(messages);
            text.append('\n');
            return this;
        }
        for (JsonNode message : messages) {
            text.append(message.path("role").asText(message.path("type").asText())).append(": ");
            content(message.has("content") ? message.get("content") : message);
            JsonNode toolCalls = message.get("tool_calls"); // an assistant turn that called tools
            if (toolCalls != null && !toolCalls.isNull()) {
                text.append(toolCalls);
            }
            text.append('\n');
        }
        return this;
    }

    /**
     * Text content: a string; an array of parts (strings, {@code text} parts, nested {@code content}); token ids
     * (4 bytes each); any other part (tool calls, images) as its compact JSON.
     */
    private void content(JsonNode content) {
        if (content == null || content.isNull()) {
            return;
        }
        if (content.isTextual()) {
            text.append(content.asText());
        } else if (content.isIntegralNumber()) {
            int id = content.asInt();
            tokenIds.write(id);
            tokenIds.write(id >>> 8);
            tokenIds.write(id >>> 16);
            tokenIds.write(id >>> 24);
        } else if (content.isArray()) {
            for (JsonNode part : content) {
                content(part);
            }
        } else if (content.isObject() && content.has("text")) {
            text.append(content.get("text").asText());
        } else if (content.isObject() && content.has("content")) {
            content(content.get("content"));
        } else {
            text.append(content);
        }
    }

    private byte[] bytes() {
        byte[] chars = text.toString().getBytes(StandardCharsets.UTF_8);
        if (tokenIds.size() == 0) {
            return chars;
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream(tokenIds.size() + chars.length);
        all.writeBytes(tokenIds.toByteArray());
        all.writeBytes(chars);
        return all.toByteArray();
    }
}
