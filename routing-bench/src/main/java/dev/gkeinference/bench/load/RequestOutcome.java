package dev.gkeinference.bench.load;

/**
 * What happened to one request, in real nanoseconds from the stage start. {@code error} is null on success.
 * {@code tokenNanos} holds the arrival time of every output token relative to the send.
 */
public record RequestOutcome(long sentAtNanos, int status, String error, long[] tokenNanos, long e2eNanos,
                             String servedBy, int promptTokens) {

    public boolean ok() {
        return error == null;
    }

    public int outputTokens() {
        return tokenNanos.length;
    }

    public long ttftNanos() {
        return tokenNanos.length == 0 ? -1 : tokenNanos[0];
    }
}
