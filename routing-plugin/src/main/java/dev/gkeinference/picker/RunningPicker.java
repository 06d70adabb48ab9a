package dev.gkeinference.picker;

import dev.gkeinference.picker.ops.Health;
import dev.gkeinference.picker.ops.Leadership;
import dev.gkeinference.picker.scheduling.Scheduler;
import dev.gkeinference.picker.state.EndpointRegistry;
import io.grpc.Server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A started picker. Two ways to stop, both graceful for open ext_proc streams:
 * {@link #drainAndClose()} (SIGTERM) turns readiness NOT_SERVING and gives up the Lease at once, keeps serving every
 * stream — new ones too, from gateways that have not noticed yet — for the drain timeout, then stops taking streams
 * and waits for the open ones to end (the Deployment's termination grace period is the bound); {@link #close()}
 * does the same without the drain window and waits at most {@value #CLOSE_GRACE_SECONDS} s.
 */
public final class RunningPicker implements AutoCloseable {

    private static final long CLOSE_GRACE_SECONDS = 10;
    private static final Logger LOG = Logger.getLogger(RunningPicker.class.getName());

    private final Server extProc;
    private final Health health;
    private final Leadership leadership;
    private final Duration drainTimeout;
    private final int healthPort;
    private final int metricsPort;
    private final EndpointRegistry registry;
    private final Scheduler scheduler;
    private final List<AutoCloseable> afterStreams;
    private boolean stopped;

    /**
     * @param leadership   null without leader election
     * @param afterStreams closed in order once the ext_proc server has terminated
     */
    RunningPicker(Server extProc, Health health, Leadership leadership, Duration drainTimeout, int healthPort,
                  int metricsPort, EndpointRegistry registry, Scheduler scheduler, List<AutoCloseable> afterStreams) {
        this.extProc = extProc;
        this.health = health;
        this.leadership = leadership;
        this.drainTimeout = drainTimeout;
        this.healthPort = healthPort;
        this.metricsPort = metricsPort;
        this.registry = registry;
        this.scheduler = scheduler;
        this.afterStreams = List.copyOf(afterStreams);
    }

    public int grpcPort() {
        return extProc.getPort();
    }

    public int healthPort() {
        return healthPort;
    }

    public int metricsPort() {
        return metricsPort;
    }

    /** The endpoints and their state, as the scheduler sees them. */
    public EndpointRegistry registry() {
        return registry;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** True while this replica reports ready (pool seen, leading if electing, not draining). */
    public boolean ready() {
        return health.ready();
    }

    public void awaitTermination() throws InterruptedException {
        extProc.awaitTermination();
    }

    public Duration drainTimeout() {
        return drainTimeout;
    }

    /** The SIGTERM path: drain for the drain timeout, then wait for every open stream to end. */
    public void drainAndClose() {
        stop(drainTimeout, -1);
    }

    @Override
    public void close() {
        stop(Duration.ZERO, CLOSE_GRACE_SECONDS);
    }

    private synchronized void stop(Duration drain, long graceSeconds) {
        if (stopped) {
            return;
        }
        stopped = true;
        health.drain();
        if (leadership != null) {
            leadership.release();
        }
        try {
            if (!drain.isZero()) {
                Thread.sleep(drain.toMillis());
            }
            extProc.shutdown();
            if (graceSeconds < 0) {
                extProc.awaitTermination();
            } else if (!extProc.awaitTermination(graceSeconds, TimeUnit.SECONDS)) {
                extProc.shutdownNow();
            }
        } catch (InterruptedException e) {
            extProc.shutdownNow();
            Thread.currentThread().interrupt();
        }
        health.stopped();
        for (AutoCloseable c : afterStreams) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.fine(() -> "while stopping: " + e);
            }
        }
    }
}
