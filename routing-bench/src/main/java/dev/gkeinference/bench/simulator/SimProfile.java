package dev.gkeinference.bench.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Parameters of one simulated vLLM server. Latencies are simulated milliseconds; {@code timeScale} is the number of
 * real seconds one simulated second takes (0.25 = four times faster than the modelled hardware).
 */
public record SimProfile(
        String modelName,
        int maxNumSeqs,
        int maxNumBatchedTokens,
        int kvCacheBlocks,
        int blockSize,
        double prefillOverheadMs,
        double prefillMsPerToken,
        double interTokenLatencyMs,
        double timeFactorUnderLoad,
        double jitterStdDevFraction,
        int maxLoras,
        int defaultMaxTokens,
        double timeScale) {

    public static final String DEFAULT_RESOURCE = "/profiles/tpu-v6e-2x2-gemma3-27b.properties";

    public SimProfile {
        if (maxNumSeqs < 1 || maxNumBatchedTokens < 1 || kvCacheBlocks < 1 || blockSize < 1) {
            throw new IllegalArgumentException("sizes must be positive");
        }
        if (timeFactorUnderLoad < 1.0) {
            throw new IllegalArgumentException("time-factor-under-load must be >= 1.0");
        }
        if (timeScale <= 0) {
            throw new IllegalArgumentException("time scale must be positive");
        }
    }

    /** The bundled default profile (vLLM on a TPU v6e 2x2 host serving Gemma 3 27B) at real-time speed. */
    public static SimProfile defaultProfile() {
        try (InputStream in = SimProfile.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
            }
            Properties p = new Properties();
            p.load(in);
            return fromProperties(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SimProfile load(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            Properties p = new Properties();
            p.load(r);
            return fromProperties(p);
        }
    }

    static SimProfile fromProperties(Properties p) {
        return new SimProfile(
                required(p, "model-name"),
                Integer.parseInt(required(p, "max-num-seqs")),
                Integer.parseInt(required(p, "max-num-batched-tokens")),
                Integer.parseInt(required(p, "kv-cache-blocks")),
                Integer.parseInt(required(p, "block-size")),
                Double.parseDouble(required(p, "prefill-overhead-ms")),
                Double.parseDouble(required(p, "prefill-ms-per-token")),
                Double.parseDouble(required(p, "inter-token-latency-ms")),
                Double.parseDouble(required(p, "time-factor-under-load")),
                Double.parseDouble(required(p, "jitter-std-dev-fraction")),
                Integer.parseInt(required(p, "max-loras")),
                Integer.parseInt(required(p, "default-max-tokens")),
                Double.parseDouble(p.getProperty("time-scale", "1.0")));
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("profile is missing '" + key + "'");
        }
        return v.trim();
    }

    public SimProfile withTimeScale(double scale) {
        return new SimProfile(modelName, maxNumSeqs, maxNumBatchedTokens, kvCacheBlocks, blockSize, prefillOverheadMs,
                prefillMsPerToken, interTokenLatencyMs, timeFactorUnderLoad, jitterStdDevFraction, maxLoras,
                defaultMaxTokens, scale);
    }

    public SimProfile withKvCacheBlocks(int blocks) {
        return new SimProfile(modelName, maxNumSeqs, maxNumBatchedTokens, blocks, blockSize, prefillOverheadMs,
                prefillMsPerToken, interTokenLatencyMs, timeFactorUnderLoad, jitterStdDevFraction, maxLoras,
                defaultMaxTokens, timeScale);
    }

    /** The same server {@code factor} times slower: prefill overhead, per-token prefill cost and ITL scaled. */
    public SimProfile slowedBy(double factor) {
        return new SimProfile(modelName, maxNumSeqs, maxNumBatchedTokens, kvCacheBlocks, blockSize,
                prefillOverheadMs * factor, prefillMsPerToken * factor, interTokenLatencyMs * factor,
                timeFactorUnderLoad, jitterStdDevFraction, maxLoras, defaultMaxTokens, timeScale);
    }

    public SimProfile withJitter(double fraction) {
        return new SimProfile(modelName, maxNumSeqs, maxNumBatchedTokens, kvCacheBlocks, blockSize, prefillOverheadMs,
                prefillMsPerToken, interTokenLatencyMs, timeFactorUnderLoad, fraction, maxLoras,
                defaultMaxTokens, timeScale);
    }
}
