package dev.gkeinference.picker.state;

/**
 * Online least-squares fit of time to first token against the prefill work ahead of it:
 * {@code ttft ≈ base + perToken × tokens}, where tokens = uncached prompt tokens already in flight on the endpoint
 * plus the request's own. Old observations fade (exponential forgetting), so the fit follows a server whose speed
 * changes. Thread-safe.
 */
public final class TtftFit {
    /** Weight kept by past observations at each new one: an effective memory of about 50 requests. */
    static final double FORGETTING = 0.98;
    /** Observations before the fit of its own is trusted over a fallback. */
    public static final double MIN_WEIGHT = 8;

    private double n;
    private double sumX;
    private double sumY;
    private double sumXx;
    private double sumXy;

    /** @param tokens prefill tokens ahead of and including the request; seconds its first token took */
    public synchronized void observe(double tokens, double seconds) {
        n = n * FORGETTING + 1;
        sumX = sumX * FORGETTING + tokens;
        sumY = sumY * FORGETTING + seconds;
        sumXx = sumXx * FORGETTING + tokens * tokens;
        sumXy = sumXy * FORGETTING + tokens * seconds;
    }

    public synchronized boolean trusted() {
        return n >= MIN_WEIGHT;
    }

    /**
     * Predicted seconds for {@code tokens} of prefill work, or NaN while untrusted. A non-positive slope (too little
     * spread in the observations) falls back to the mean time per token through the origin.
     */
    public synchronized double predict(double tokens) {
        if (n < MIN_WEIGHT) {
            return Double.NaN;
        }
        double meanX = sumX / n;
        double meanY = sumY / n;
        double varX = sumXx / n - meanX * meanX;
        double slope = varX > 1e-9 ? (sumXy / n - meanX * meanY) / varX : 0;
        if (slope <= 0) {
            return meanX > 0 ? meanY * tokens / meanX : meanY;
        }
        double base = Math.max(0, meanY - slope * meanX);
        return base + slope * tokens;
    }
}
