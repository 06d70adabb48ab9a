package dev.gkeinference.bench.load;

import java.util.ArrayList;
import java.util.List;

/**
 * The figures of one (picker, workload, QPS) stage, in SIMULATED units: real durations are divided by the time
 * scale so they read as the modelled hardware would show them. Latencies are in milliseconds.
 */
public record StageResult(
        String picker,
        String workload,
        double qps,
        int sent,
        int completed,
        int errors,
        Distribution ttftMs,
        Distribution tpotMs,
        Distribution itlMs,
        Distribution e2eMs,
        double outputTokensPerSecond,
        double requestsPerSecond,
        double prefixCacheHitRate,
        List<String> sampleErrors,
        Distribution routingMs) {

    /**
     * @param hitRate prefix-cache hit rate over the stage, from the simulators' counters (tokens hit / queried)
     */
    public static StageResult summarize(String picker, String workload, double qps, List<RequestOutcome> outcomes,
                                        double timeScale, double hitRate) {
        double toSimMs = 1.0 / 1e6 / timeScale;
        List<Double> ttft = new ArrayList<>();
        List<Double> tpot = new ArrayList<>();
        List<Double> itl = new ArrayList<>();
        List<Double> e2e = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        long outputTokens = 0;
        long firstSend = Long.MAX_VALUE;
        long lastFinish = Long.MIN_VALUE;
        int completed = 0;
        for (RequestOutcome o : outcomes) {
            if (o.sentAtNanos() >= 0) {
                firstSend = Math.min(firstSend, o.sentAtNanos());
            }
            if (!o.ok()) {
                if (errors.size() < 5) {
                    errors.add(o.error());
                }
                continue;
            }
            completed++;
            long[] t = o.tokenNanos();
            ttft.add(t[0] * toSimMs);
            e2e.add(o.e2eNanos() * toSimMs);
            if (t.length > 1) {
                tpot.add((o.e2eNanos() - t[0]) * toSimMs / (t.length - 1));
            }
            for (int i = 1; i < t.length; i++) {
                itl.add((t[i] - t[i - 1]) * toSimMs);
            }
            outputTokens += t.length;
            lastFinish = Math.max(lastFinish, o.sentAtNanos() + o.e2eNanos());
        }
        double windowSimSeconds = completed == 0 ? Double.NaN : (lastFinish - firstSend) / 1e9 / timeScale;
        return new StageResult(picker, workload, qps, outcomes.size(), completed, outcomes.size() - completed,
                Distribution.of(unbox(ttft)), Distribution.of(unbox(tpot)), Distribution.of(unbox(itl)),
                Distribution.of(unbox(e2e)), completed == 0 ? 0 : outputTokens / windowSimSeconds,
                completed == 0 ? 0 : completed / windowSimSeconds, hitRate, errors, Distribution.EMPTY);
    }

    /**
     * The same stage with the picker's routing latency (request end to decision, REAL milliseconds: the picker's
     * own speed, not simulated time) as the gateway measured it.
     */
    public StageResult withRoutingNanos(long[] nanos) {
        double[] ms = new double[nanos.length];
        for (int i = 0; i < nanos.length; i++) {
            ms[i] = nanos[i] / 1e6;
        }
        return new StageResult(picker, workload, qps, sent, completed, errors, ttftMs, tpotMs, itlMs, e2eMs,
                outputTokensPerSecond, requestsPerSecond, prefixCacheHitRate, sampleErrors, Distribution.of(ms));
    }

    private static double[] unbox(List<Double> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
