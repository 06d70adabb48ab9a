package dev.gkeinference.picker.request;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Parses OpenAI-style JSON ({@code /v1/completions}, {@code /v1/chat/completions}, {@code /v1/embeddings},
 * {@code /v1/responses}): the model name and the prompt text. Reads the body once, straight from the buffered
 * chunks, without first copying them into one array.
 */
public final class RequestParser {

    private static final ObjectMapper JSON = new ObjectMapper(new JsonFactory());

    private RequestParser() {
    }

    public static InferenceRequest parse(ByteString body) throws BadRequestException {
        JsonNode root;
        try (InputStream in = body.newInput()) {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRequestException("request body could not be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadRequestException("request body must be a JSON object");
        }
        JsonNode model = root.get("model");
        if (model == null || !model.isTextual() || model.asText().isEmpty()) {
            throw new BadRequestException("request body has no \"model\" string");
        }
        return new InferenceRequest(model.asText(), promptOf(root, body.size()));
    }

    /**
     * Completions: prompt; chat: role and text of each message; responses and embeddings: input. A plain string
     * prompt (the common case) is encoded once, without intermediate copies: large prompts are the norm.
     */
    private static byte[] promptOf(JsonNode root, int bodySize) {
        JsonNode messages = root.get("messages");
        JsonNode prompt = root.has("prompt") ? root.get("prompt") : root.get("input");
        if ((messages == null || !messages.isArray()) && prompt != null && prompt.isTextual()) {
            return prompt.asText().getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder out = new StringBuilder(bodySize);
        if (messages != null && messages.isArray()) {
            for (JsonNode message : messages) {
                out.append(message.path("role").asText()).append(": ");
                appendText(message.get("content"), out);
                out.append('\n');
            }
        } else {
            appendText(prompt, out);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Text content: a string, an array of strings, or an array of parts with a "text" field. */
    private static void appendText(JsonNode content, StringBuilder out) {
        if (content == null || content.isNull()) {
            return;
        }
        if (content.isTextual()) {
            out.append(content.asText());
        } else if (content.isArray()) {
            for (JsonNode part : content) {
                if (part.isTextual()) {
                    out.append(part.asText());
                } else if (part.has("text")) {
                    out.append(part.get("text").asText());
                } else if (part.has("content")) {
                    appendText(part.get("content"), out);
                }
            }
        } else if (content.isObject() && content.has("text")) {
            out.append(content.get("text").asText());
        }
    }
}
