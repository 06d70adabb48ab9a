package dev.gkeinference.picker.protocol;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One stream's tasks: cheap ones inline while idle, expensive ones and all behind them on the pool, in order. */
class StreamWorkTest {

    private final ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-worker"));
    private final List<RuntimeException> failures = new CopyOnWriteArrayList<>();
    private final StreamWork work = new StreamWork(pool, failures::add);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void aCheapTaskOnAnIdleStreamRunsOnTheDeliveringThread() {
        Thread[] ranOn = new Thread[1];
        work.run(() -> ranOn[0] = Thread.currentThread(), false);
        assertEquals(Thread.currentThread(), ranOn[0]);
    }

    @Test
    void anExpensiveTaskRunsOnThePoolAndCheapTasksQueueBehindItInOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(3);
        List<String> order = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        work.run(() -> {
            await(release);
            record("parse", order, threads, done);
        }, true);
        work.run(() -> record("response headers", order, threads, done), false);
        work.run(() -> record("end", order, threads, done), false);
        assertTrue(order.isEmpty(), "nothing ran inline behind the expensive task");
        release.countDown();
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("parse", "response headers", "end"), order);
        threads.forEach(t -> assertNotEquals(Thread.currentThread(), t));

        Thread[] after = new Thread[1];
        pool.submit(() -> { }).get(10, TimeUnit.SECONDS); // one worker: the drain has returned
        work.run(() -> after[0] = Thread.currentThread(), false);
        assertEquals(Thread.currentThread(), after[0], "idle again: inline again");
    }

    @Test
    void aFailingTaskIsReportedAndTheTasksAfterItStillRun() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        work.run(() -> {
            throw new IllegalStateException("boom");
        }, true);
        work.run(done::countDown, false);
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(1, failures.size());
        assertEquals("boom", failures.get(0).getMessage());
    }

    private static void record(String step, List<String> order, List<Thread> threads, CountDownLatch done) {
        order.add(step);
        threads.add(Thread.currentThread());
        done.countDown();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
