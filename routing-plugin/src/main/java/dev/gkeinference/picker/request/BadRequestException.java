package dev.gkeinference.picker.request;

/** The request body is not a usable OpenAI request; the message is the short reason sent back with 400. */
public final class BadRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadRequestException(String reason) {
        super(reason, null, false, false);
    }
}
