package dev.gkeinference.bench.simulator;

import java.util.Random;

/**
 * Duration of one engine step, in simulated milliseconds. A step runs the prefill chunks scheduled in it and one
 * decode token for every request already past prefill, so a long prefill also stalls the decoders batched with it
 * (vLLM's chunked prefill). For a lone request this reduces to the llm-d-inference-sim formulas:
 * TTFT = prefill overhead + per-token cost x uncached prompt tokens; ITL = base ITL x load factor.
 */
public final class LatencyModel {
    /** Jitter samples are clamped to +-70% of the mean and the std-dev to 30% (llm-d-inference-sim's bounds). */
    static final double MAX_STD_DEV_FRACTION = 0.3;
    static final double MAX_DEVIATION_FRACTION = 0.7;

    private final SimProfile profile;
    private final Random random;

    public LatencyModel(SimProfile profile, long seed) {
        this.profile = profile;
        this.random = new Random(seed);
    }

    /** Decode slowdown with batch size: 1.0 alone, time-factor-under-load at max-num-seqs, linear in between. */
    public double loadFactor(int runningRequests) {
        if (profile.maxNumSeqs() <= 1 || runningRequests <= 1) {
            return 1.0;
        }
        int clamped = Math.min(runningRequests, profile.maxNumSeqs());
        return 1.0 + (profile.timeFactorUnderLoad() - 1.0) * (clamped - 1) / (profile.maxNumSeqs() - 1);
    }

    /** Mean duration of a step without jitter. */
    public double meanStepMs(int prefillTokens, int decodingRequests, int runningRequests) {
        double ms = 0;
        if (prefillTokens > 0) {
            ms += profile.prefillOverheadMs() + profile.prefillMsPerToken() * prefillTokens;
        }
        if (decodingRequests > 0) {
            ms += profile.interTokenLatencyMs() * loadFactor(runningRequests);
        }
        return ms;
    }

    /** Mean duration with bounded Gaussian jitter; the sequence of jitter draws is fixed by the seed. */
    public double stepMs(int prefillTokens, int decodingRequests, int runningRequests) {
        return jitter(meanStepMs(prefillTokens, decodingRequests, runningRequests));
    }

    double jitter(double mean) {
        double sigma = Math.min(profile.jitterStdDevFraction(), MAX_STD_DEV_FRACTION);
        if (sigma <= 0 || mean <= 0) {
            return mean;
        }
        double deviation = random.nextGaussian() * sigma;
        deviation = Math.max(-MAX_DEVIATION_FRACTION, Math.min(MAX_DEVIATION_FRACTION, deviation));
        return mean * (1.0 + deviation);
    }
}
