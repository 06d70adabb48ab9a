package dev.gkeinference.bench.simulator;

/** Gauges and counters of one simulated server at one instant. */
public record EngineSnapshot(
        int waiting,
        int running,
        double kvCacheUsage,
        int kvCacheBlocks,
        int blockSize,
        long prefixCacheQueriedTokens,
        long prefixCacheHitTokens,
        long promptTokensTotal,
        long generationTokensTotal,
        long requestsFinished,
        String runningAdapters,
        String waitingAdapters) {
}
