package dev.gkeinference.picker.request;

/**
 * What scheduling needs from a request body.
 *
 * @param model  the {@code model} field (a base model or a LoRA adapter name); empty when unknown
 * @param prompt UTF-8 bytes of the prompt text (see {@link PromptText}), used for prefix affinity; empty when unknown
 */
public record InferenceRequest(String model, byte[] prompt) {

    /** Nothing to route on but load: no body, not an inference API, a body that is not JSON, or no model. */
    public static final InferenceRequest LOAD_ONLY = new InferenceRequest("", new byte[0]);
}
