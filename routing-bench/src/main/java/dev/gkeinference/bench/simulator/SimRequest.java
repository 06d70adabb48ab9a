package dev.gkeinference.bench.simulator;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** One request inside a simulated server: its size, its progress and the queue its tokens are delivered to. */
public final class SimRequest {

    /** What the engine tells the HTTP side: a token, the end, or a failure. */
    public sealed interface Event permits Token, Finished, Failed {
    }

    public record Token(int index) implements Event {
    }

    public record Finished(int promptTokens, int completionTokens, int cachedTokens) implements Event {
    }

    public record Failed(String reason) implements Event {
    }

    final String model;
    final long[] blockHashes;
    final int promptTokens;
    final int outputTokens;
    final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    KvBlockCache.Allocation allocation;
    int remainingPrefill;
    int generated;
    private volatile boolean cancelled;

    public SimRequest(String model, long[] blockHashes, int promptTokens, int outputTokens) {
        if (outputTokens < 1) {
            throw new IllegalArgumentException("output tokens must be >= 1");
        }
        this.model = model;
        this.blockHashes = blockHashes;
        this.promptTokens = promptTokens;
        this.outputTokens = outputTokens;
    }

    public BlockingQueue<Event> events() {
        return events;
    }

    /** The client went away: the engine drops the request at its next step and frees its blocks. */
    public void cancel() {
        cancelled = true;
    }

    boolean cancelled() {
        return cancelled;
    }

    boolean prefillDone() {
        return allocation != null && remainingPrefill == 0;
    }
}
