package dev.gkeinference.app.review;

/** Bad input to the review command (arguments or synthesized files); its message is shown to the user as is. */
public class ReviewInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReviewInputException(String message) {
        super(message);
    }
}
