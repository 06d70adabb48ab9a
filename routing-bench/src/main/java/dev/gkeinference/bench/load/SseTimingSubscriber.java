package dev.gkeinference.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Reads a streamed completion as it arrives and timestamps every token event. Events are split on the blank line
 * that ends each SSE event, so tokens coalesced into one network read still count one by one (with the same time).
 */
final class SseTimingSubscriber implements Flow.Subscriber<List<ByteBuffer>> {
    private final long sentNanos;
    private final StringBuilder pending = new StringBuilder();
    private long[] tokens = new long[64];
    private int tokenCount;
    private boolean done;
    private Flow.Subscription subscription;

    SseTimingSubscriber(long sentNanos) {
        this.sentNanos = sentNanos;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        long now = System.nanoTime();
        for (ByteBuffer b : buffers) {
            pending.append(StandardCharsets.UTF_8.decode(b));
        }
        int end;
        while ((end = pending.indexOf("\n\n")) >= 0) {
            onEvent(pending.substring(0, end), now);
            pending.delete(0, end + 2);
        }
    }

    private void onEvent(String event, long now) {
        if (!event.startsWith("data: ")) {
            return;
        }
        if (event.startsWith("data: [DONE]")) {
            done = true;
        } else if (!event.contains("\"choices\":[]")) {
            if (tokenCount == tokens.length) {
                tokens = java.util.Arrays.copyOf(tokens, tokens.length * 2);
            }
            tokens[tokenCount++] = now - sentNanos;
        }
    }

    @Override
    public void onError(Throwable t) {
        subscription = null;
    }

    @Override
    public void onComplete() {
        subscription = null;
    }

    boolean sawDone() {
        return done;
    }

    long[] tokenNanos() {
        return java.util.Arrays.copyOf(tokens, tokenCount);
    }
}
