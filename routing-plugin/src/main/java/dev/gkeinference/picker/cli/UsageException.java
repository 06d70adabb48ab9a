package dev.gkeinference.picker.cli;

/** A bad command line: the message says which flag and what is allowed; the process exits 2 with usage. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message, null, false, false);
    }
}
