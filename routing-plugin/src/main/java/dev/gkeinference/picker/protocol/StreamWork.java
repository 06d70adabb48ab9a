package dev.gkeinference.picker.protocol;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs the work of one ext_proc stream in order, one task at a time. A cheap task runs at once on the network thread
 * that delivered its message, so a small request never pays for two thread hand-offs; an expensive one (parsing a
 * large body) and every task queued behind it run on the worker pool, so it never delays the other streams of its
 * HTTP/2 connection.
 */
final class StreamWork {

    private final Executor workers;
    private final Consumer<RuntimeException> onFailure;
    private final Queue<Runnable> queued = new ConcurrentLinkedQueue<>();
    /** Tasks accepted and not yet finished: the one running inline, if any, plus the queued ones. */
    private final AtomicInteger unfinished = new AtomicInteger();

    /** @param onFailure told of a task that threw; the tasks after it still run */
    StreamWork(Executor workers, Consumer<RuntimeException> onFailure) {
        this.workers = workers;
        this.onFailure = onFailure;
    }

    void run(Runnable task, boolean expensive) {
        if (!expensive && unfinished.compareAndSet(0, 1)) {
            try {
                runGuarded(task);
            } finally {
                if (unfinished.decrementAndGet() > 0) {
                    startDrain(); // something was queued meanwhile (a cancellation, say)
                }
            }
            return;
        }
        queued.add(task);
        if (unfinished.getAndIncrement() == 0) {
            startDrain();
        }
    }

    private void startDrain() {
        try {
            workers.execute(this::drain);
        } catch (RejectedExecutionException e) {
            drain(); // the pool is closing after the server: finish the stream's work here
        }
    }

    private void drain() {
        do {
            runGuarded(queued.poll());
        } while (unfinished.decrementAndGet() > 0);
    }

    private void runGuarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            onFailure.accept(e);
        }
    }
}
