package dev.gkeinference.picker.scheduling;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Whether the scheduler currently routes without fresh model-server metrics. Each change is one log line, so a
 * pool whose {@code /metrics} are slow or failing shows up in the log without a line per request.
 */
final class DegradedMode {

    private static final Logger LOG = Logger.getLogger(DegradedMode.class.getName());

    private final AtomicBoolean active = new AtomicBoolean();
    private final String staleness;

    DegradedMode(String staleness) {
        this.staleness = staleness;
    }

    boolean active() {
        return active.get();
    }

    void enter(int readyEndpoints) {
        if (active.compareAndSet(false, true)) {
            LOG.warning(() -> "no endpoint has model-server metrics fresher than " + staleness + " (" + readyEndpoints
                    + " ready): routing on the picker's own view (requests in flight, prefix index) until they are"
                    + " fresh again");
        }
    }

    void leave(int freshEndpoints, int readyEndpoints) {
        if (active.compareAndSet(true, false)) {
            LOG.info(() -> "model-server metrics fresh again on " + freshEndpoints + " of " + readyEndpoints
                    + " endpoints: routing on them");
        }
    }
}
