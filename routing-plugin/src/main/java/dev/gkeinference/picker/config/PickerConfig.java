package dev.gkeinference.picker.config;

/**
 * Scheduling configuration: scorer weights, thresholds and picker options. Loaded from the YAML of
 * {@code --config-file} over {@link #tunedDefaults()}; see {@code routing-plugin/config/default.yaml}.
 */
public record PickerConfig(Weights weights, Picker picker, Queue queue, Prefix prefix, Saturation saturation,
                           Request request) {

    /**
     * Absolute weights of the scorers; a weight of 0 turns a scorer off. {@code prefillLoad}: in-flight uncached
     * prompt tokens; {@code predictedTtft}: fitted queue + prefill time, prefix matches included.
     */
    public record Weights(double queue, double kvCache, double prefix, double lora, double prefillLoad,
                          double predictedTtft) {
        /** The request-count and cache scorers only. */
        public Weights(double queue, double kvCache, double prefix, double lora) {
            this(queue, kvCache, prefix, lora, 0, 0);
        }
    }

    /**
     * {@code maxEndpoints}: the primary plus up to maxEndpoints-1 fallbacks in the destination header. More than 1
     * only for gateways that parse a list (Envoy's override_host policy does; a plain ORIGINAL_DST cluster does not).
     */
    public record Picker(int maxEndpoints) {
    }

    /** {@code countDispatchedSinceScrape}: add our own picks since the last scrape to the scraped queue. */
    public record Queue(boolean countDispatchedSinceScrape) {
    }

    /**
     * Approximate prefix-cache affinity. {@code correctFromUsage}: cap an endpoint's index where the cached tokens
     * its responses report show it keeps fewer blocks.
     */
    public record Prefix(boolean autoTune, int blockSizeTokens, int bytesPerToken, int maxPrefixBlocks,
                         int lruCapacityPerServer, boolean correctFromUsage) {
    }

    /** An endpoint is saturated when its queue or KV-cache use exceeds these; {@code filter} drops such ones. */
    public record Saturation(double queueDepthThreshold, double kvCacheUtilThreshold, boolean filter) {
    }

    /** {@code maxBodyBytes}: larger request bodies are answered 413. */
    public record Request(long maxBodyBytes) {
    }

    /** The upstream default: queue 2, kv-cache 2, prefix 3, one endpoint, no extra filters. */
    public static PickerConfig upstreamDefaults() {
        return new PickerConfig(new Weights(2, 2, 3, 0), new Picker(1), new Queue(false),
                new Prefix(true, 16, 4, 256, 31250, false), new Saturation(5, 0.8, false), new Request(16L << 20));
    }

    /**
     * Our built-in default; written out as routing-plugin/config/default.yaml. Tuned on the routing benchmark
     * (routing-bench): prefix affinity outweighs load (a prefix miss re-computes thousands of tokens), and KV use only
     * counts as saturation above 95% because running requests' shared prefix blocks keep it high on exactly the
     * servers that hold the prefixes. Prefill load and predicted TTFT are off: in short runs of issue 11's workloads
     * they did not beat these weights (with them, fewer prefix hits on multi-turn); nor did the usage feedback.
     */
    public static PickerConfig tunedDefaults() {
        return new PickerConfig(new Weights(2, 2, 4, 1, 0, 0), new Picker(1), new Queue(true),
                new Prefix(true, 16, 4, 2048, 31250, false), new Saturation(5, 0.95, true), new Request(16L << 20));
    }
}
