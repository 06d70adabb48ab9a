package dev.gkeinference.app;

/** The command line is wrong: the message says what, the usage says what is allowed. Exit code 2. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
