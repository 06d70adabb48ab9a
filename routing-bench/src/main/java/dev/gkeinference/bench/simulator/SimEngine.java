package dev.gkeinference.bench.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The continuous-batching loop of one simulated vLLM server, on its own thread and in scaled wall-clock time.
 * Each step: admit waiting requests in FIFO order while a running slot is free and their KV blocks fit, give the
 * step's token budget to decoders (one token each) and then to prefill chunks, sleep for the step's modelled
 * duration, then deliver first tokens, next tokens and completions.
 */
public final class SimEngine implements AutoCloseable {
    /** If the host falls further behind than this, the schedule restarts from now instead of bursting to catch up. */
    private static final long MAX_LAG_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final SimProfile profile;
    private final KvBlockCache cache;
    private final LatencyModel latency;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workArrived = lock.newCondition();
    private final ArrayDeque<SimRequest> waiting = new ArrayDeque<>();
    private final List<SimRequest> running = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stopped;
    private long promptTokensTotal;
    private long generationTokensTotal;
    private long requestsFinished;

    public SimEngine(SimProfile profile, long seed, String name) {
        this.profile = profile;
        this.cache = new KvBlockCache(profile.kvCacheBlocks(), profile.blockSize());
        this.latency = new LatencyModel(profile, seed);
        this.thread = new Thread(this::loop, "sim-engine-" + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues a request; fails it at once when it could never fit in the KV cache (vLLM rejects those too). */
    public void submit(SimRequest request) {
        if (cache.blocksNeeded(request.promptTokens, request.outputTokens) > cache.capacity()) {
            request.events.add(new SimRequest.Failed("prompt plus output exceed the KV cache"));
            return;
        }
        lock.lock();
        try {
            if (stopped) {
                request.events.add(new SimRequest.Failed("server stopped"));
                return;
            }
            waiting.addLast(request);
            workArrived.signal();
        } finally {
            lock.unlock();
        }
    }

    /** A consistent view of the gauges and counters /metrics exposes. */
    public EngineSnapshot snapshot() {
        lock.lock();
        try {
            return new EngineSnapshot(waiting.size(), running.size(), cache.usage(), cache.capacity(),
                    cache.blockSize(), cache.queriedTokens(), cache.hitTokens(), promptTokensTotal,
                    generationTokensTotal, requestsFinished, adapters(running), adapters(waiting));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            stopped = true;
            workArrived.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            failAll("server stopped");
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        long nextStepAt = System.nanoTime();
        while (!stopped) {
            StepPlan plan = planNextStep();
            if (plan == null) {
                nextStepAt = System.nanoTime();
                continue;
            }
            double ms = latency.stepMs(plan.prefillTokens(), plan.decoders().size(), plan.runningCount());
            nextStepAt += (long) (ms * 1_000_000 * profile.timeScale());
            long now = System.nanoTime();
            if (now - nextStepAt > MAX_LAG_NANOS) {
                nextStepAt = now;
            }
            parkUntil(nextStepAt);
            applyStep(plan);
        }
    }

    /** Returns null after waiting briefly when there is nothing to run. */
    private StepPlan planNextStep() {
        lock.lock();
        try {
            dropCancelled();
            admitWaiting();
            if (running.isEmpty()) {
                awaitWork();
                return null;
            }
            List<SimRequest> decoders = new ArrayList<>();
            for (SimRequest r : running) {
                if (r.prefillDone()) {
                    decoders.add(r);
                }
            }
            int budget = Math.max(0, profile.maxNumBatchedTokens() - decoders.size());
            Map<SimRequest, Integer> chunks = new LinkedHashMap<>();
            int prefillTokens = 0;
            for (SimRequest r : running) {
                if (!r.prefillDone() && budget > 0) {
                    int chunk = Math.min(r.remainingPrefill, budget);
                    chunks.put(r, chunk);
                    budget -= chunk;
                    prefillTokens += chunk;
                }
            }
            return new StepPlan(decoders, chunks, prefillTokens, running.size());
        } finally {
            lock.unlock();
        }
    }

    private void admitWaiting() {
        while (!waiting.isEmpty() && running.size() < profile.maxNumSeqs()) {
            SimRequest head = waiting.peekFirst();
            KvBlockCache.Allocation allocation =
                    cache.tryAllocate(head.blockHashes, head.promptTokens, head.outputTokens);
            if (allocation == null) {
                return;
            }
            waiting.pollFirst();
            head.allocation = allocation;
            // vLLM recomputes at least the last prompt token even on a full cache hit, to get its logits.
            head.remainingPrefill = Math.max(1, head.promptTokens - allocation.cachedPromptTokens());
            running.add(head);
        }
    }

    private void applyStep(StepPlan plan) {
        lock.lock();
        try {
            for (SimRequest r : plan.decoders()) {
                if (running.contains(r)) {
                    emitToken(r);
                }
            }
            for (Map.Entry<SimRequest, Integer> e : plan.prefillChunks().entrySet()) {
                SimRequest r = e.getKey();
                if (!running.contains(r)) {
                    continue;
                }
                r.remainingPrefill -= e.getValue();
                if (r.remainingPrefill == 0) {
                    emitToken(r);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void emitToken(SimRequest r) {
        r.generated++;
        generationTokensTotal++;
        r.events.add(new SimRequest.Token(r.generated));
        if (r.generated >= r.outputTokens) {
            finish(r);
        }
    }

    private void finish(SimRequest r) {
        running.remove(r);
        cache.release(r.allocation);
        promptTokensTotal += r.promptTokens;
        requestsFinished++;
        r.events.add(new SimRequest.Finished(r.promptTokens, r.generated, r.allocation.cachedPromptTokens()));
    }

    private void dropCancelled() {
        waiting.removeIf(SimRequest::cancelled);
        for (Iterator<SimRequest> it = running.iterator(); it.hasNext(); ) {
            SimRequest r = it.next();
            if (r.cancelled()) {
                it.remove();
                cache.release(r.allocation);
            }
        }
    }

    private void awaitWork() {
        try {
            workArrived.await(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    private void failAll(String reason) {
        for (SimRequest r : running) {
            r.events.add(new SimRequest.Failed(reason));
        }
        for (SimRequest r : waiting) {
            r.events.add(new SimRequest.Failed(reason));
        }
        running.clear();
        waiting.clear();
    }

    private String adapters(Iterable<SimRequest> requests) {
        TreeSet<String> names = new TreeSet<>();
        for (SimRequest r : requests) {
            if (!r.model.equals(profile.modelName())) {
                names.add(r.model);
            }
        }
        return String.join(",", names);
    }

    private static void parkUntil(long deadlineNanos) {
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }

    private record StepPlan(List<SimRequest> decoders, Map<SimRequest, Integer> prefillChunks, int prefillTokens,
                            int runningCount) {
    }
}
