package dev.gkeinference.picker.state;

/**
 * What the responses one endpoint served reported: totals since start, and recent ratios that follow changes (each
 * response weighs {@value #RECENT_WEIGHT} against the decayed history, so about the last 64 responses count).
 */
public final class ServedStats {

    static final double RECENT_WEIGHT = 1.0 / 64;

    private long responses;
    private long serverErrors;
    private long promptTokens;
    private long cachedTokens;
    private long completionTokens;
    private double recentResponses;
    private double recentServerErrors;
    private double recentPromptTokens;
    private double recentCachedTokens;

    /**
     * One response ended. Token counts are -1 when the server did not report them; the prefix-cache ratio only
     * counts responses that report both prompt and cached tokens.
     */
    public synchronized void record(int httpStatus, long prompt, long cached, long completion) {
        boolean serverError = httpStatus >= 500;
        responses++;
        serverErrors += serverError ? 1 : 0;
        recentResponses = decayed(recentResponses, 1);
        recentServerErrors = decayed(recentServerErrors, serverError ? 1 : 0);
        promptTokens += Math.max(0, prompt);
        completionTokens += Math.max(0, completion);
        if (prompt > 0 && cached >= 0) {
            cachedTokens += cached;
            recentPromptTokens = decayed(recentPromptTokens, prompt);
            recentCachedTokens = decayed(recentCachedTokens, cached);
        }
    }

    private static double decayed(double history, double next) {
        return history * (1 - RECENT_WEIGHT) + next;
    }

    public synchronized long responses() {
        return responses;
    }

    /** Responses with a 5xx status. */
    public synchronized long serverErrors() {
        return serverErrors;
    }

    public synchronized long promptTokens() {
        return promptTokens;
    }

    public synchronized long cachedTokens() {
        return cachedTokens;
    }

    public synchronized long completionTokens() {
        return completionTokens;
    }

    /** Recent share of 5xx responses; NaN before the first response. */
    public synchronized double recentErrorRatio() {
        return recentResponses == 0 ? Double.NaN : recentServerErrors / recentResponses;
    }

    /** Recent share of prompt tokens the server served from its prefix cache; NaN until one reported both. */
    public synchronized double recentPrefixCacheHitRatio() {
        return recentPromptTokens == 0 ? Double.NaN : recentCachedTokens / recentPromptTokens;
    }

    /** The decayed prompt and cached token sums behind {@link #recentPrefixCacheHitRatio()}, for pool-wide ratios. */
    public synchronized double[] recentPromptAndCachedTokens() {
        return new double[] {recentPromptTokens, recentCachedTokens};
    }
}
