package dev.gkeinference.picker.request;

/**
 * What scheduling needs from an OpenAI-style request body.
 *
 * @param model  the {@code model} field (a base model or a LoRA adapter name)
 * @param prompt UTF-8 bytes of the prompt (completions) or of the flattened chat messages, used for prefix affinity
 */
public record InferenceRequest(String model, byte[] prompt) {

    /** A request that carried no body (e.g. GET /v1/models). */
    public static final InferenceRequest NO_BODY = new InferenceRequest("", new byte[0]);
}
