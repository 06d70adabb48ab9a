package dev.gkeinference.picker.ops;

import io.grpc.BindableService;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;

/**
 * gRPC health: {@code liveness} serves while the process answers; {@code readiness}, the ext_proc service name and
 * {@code ""} serve once discovery has seen the pool. Shutdown turns them all to NOT_SERVING first.
 */
public final class Health {

    public static final String LIVENESS = "liveness";
    public static final String READINESS = "readiness";
    public static final String EXT_PROC = "envoy.service.ext_proc.v3.ExternalProcessor";

    private final HealthStatusManager manager = new HealthStatusManager();

    public Health() {
        manager.setStatus(LIVENESS, ServingStatus.SERVING);
        setReady(false);
    }

    public BindableService service() {
        return manager.getHealthService();
    }

    public void setReady(boolean ready) {
        ServingStatus status = ready ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
        manager.setStatus(READINESS, status);
        manager.setStatus(EXT_PROC, status);
        manager.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
    }

    public void shuttingDown() {
        manager.enterTerminalState();
    }
}
