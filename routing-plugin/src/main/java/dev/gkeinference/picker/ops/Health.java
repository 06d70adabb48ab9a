package dev.gkeinference.picker.ops;

import io.grpc.BindableService;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;

/**
 * gRPC health. {@code liveness} serves while the process answers. {@code readiness}, the ext_proc service name and
 * {@code ""} serve once discovery has seen the pool, while this replica leads (with leader election) and until a
 * drain begins — the gateway then stops sending new streams here. {@code synced} is the same without leadership:
 * a standby that could take over at once (a pod readiness probe on it keeps rolling updates going, while the
 * gateway's own check on {@code ""} still picks the leader). Everything turns NOT_SERVING at the very end.
 */
public final class Health {

    public static final String LIVENESS = "liveness";
    public static final String READINESS = "readiness";
    public static final String EXT_PROC = "envoy.service.ext_proc.v3.ExternalProcessor";
    public static final String SYNCED = "synced";

    private final HealthStatusManager manager = new HealthStatusManager();
    private boolean synced;
    private boolean leader;
    private boolean draining;

    /** @param leaderElection readiness also waits for this replica to lead */
    public Health(boolean leaderElection) {
        this.leader = !leaderElection;
        manager.setStatus(LIVENESS, ServingStatus.SERVING);
        update();
    }

    public BindableService service() {
        return manager.getHealthService();
    }

    public synchronized void setSynced(boolean synced) {
        this.synced = synced;
        update();
    }

    public synchronized void setLeader(boolean leader) {
        this.leader = leader;
        update();
    }

    public synchronized boolean ready() {
        return synced && leader && !draining;
    }

    /** From now on not ready, whatever else happens; liveness keeps serving. */
    public synchronized void drain() {
        draining = true;
        update();
    }

    public void stopped() {
        manager.enterTerminalState();
    }

    private void update() {
        manager.setStatus(SYNCED, synced && !draining ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
        ServingStatus status = ready() ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
        manager.setStatus(READINESS, status);
        manager.setStatus(EXT_PROC, status);
        manager.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
    }
}
