package dev.gkeinference.picker.request;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the JSON body of an inference API request: the model name and the prompt text. Reads the body once,
 * straight from the buffered chunks, without first copying them into one array. Only malformed JSON is an error;
 * JSON that is not an object or has no {@code model} string is routed on load alone.
 */
public final class RequestParser {

    private static final ObjectMapper JSON = new ObjectMapper(new JsonFactory());

    private RequestParser() {
    }

    public static InferenceRequest parse(ApiKind kind, ByteString body) throws BadRequestException {
        JsonNode root;
        try (InputStream in = body.newInput()) {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRequestException("request body could not be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            return InferenceRequest.LOAD_ONLY;
        }
        JsonNode model = root.get("model");
        if (model == null || !model.isTextual() || model.asText().isEmpty()) {
            return InferenceRequest.LOAD_ONLY;
        }
        return new InferenceRequest(model.asText(), PromptText.of(kind, root, body.size()));
    }
}
