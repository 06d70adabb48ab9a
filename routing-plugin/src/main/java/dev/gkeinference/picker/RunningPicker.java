package dev.gkeinference.picker;

import dev.gkeinference.picker.discovery.Discovery;
import dev.gkeinference.picker.ops.ExtProcWorkers;
import dev.gkeinference.picker.ops.Health;
import dev.gkeinference.picker.ops.MetricsHttpServer;
import dev.gkeinference.picker.scheduling.Scheduler;
import dev.gkeinference.picker.state.EndpointRegistry;
import dev.gkeinference.picker.state.MetricsScraper;
import io.grpc.Server;

import java.util.concurrent.TimeUnit;

/**
 * A started picker. {@link #close()} shuts down gracefully: health turns NOT_SERVING, the ext_proc server stops
 * taking streams and lets open ones finish (up to a grace period), then discovery and scraping stop.
 */
public final class RunningPicker implements AutoCloseable {

    private static final long GRACE_SECONDS = 10;

    private final Server extProc;
    private final ExtProcWorkers workers;
    private final Server health;
    private final MetricsHttpServer metrics;
    private final Health healthStatus;
    private final Discovery discovery;
    private final MetricsScraper scraper;
    private final EndpointRegistry registry;
    private final Scheduler scheduler;
    private boolean closed;

    RunningPicker(Server extProc, ExtProcWorkers workers, Server health, MetricsHttpServer metrics,
                  Health healthStatus, Discovery discovery, MetricsScraper scraper, EndpointRegistry registry,
                  Scheduler scheduler) {
        this.extProc = extProc;
        this.workers = workers;
        this.health = health;
        this.metrics = metrics;
        this.healthStatus = healthStatus;
        this.discovery = discovery;
        this.scraper = scraper;
        this.registry = registry;
        this.scheduler = scheduler;
    }

    public int grpcPort() {
        return extProc.getPort();
    }

    public int healthPort() {
        return health.getPort();
    }

    public int metricsPort() {
        return metrics.port();
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** The endpoints and their state, as the scheduler sees them. */
    public EndpointRegistry registry() {
        return registry;
    }

    public void awaitTermination() throws InterruptedException {
        extProc.awaitTermination();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        healthStatus.shuttingDown();
        extProc.shutdown();
        try {
            if (!extProc.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS)) {
                extProc.shutdownNow();
            }
        } catch (InterruptedException e) {
            extProc.shutdownNow();
            Thread.currentThread().interrupt();
        }
        workers.close();
        health.shutdownNow();
        metrics.close();
        scraper.close();
        discovery.close();
    }
}
