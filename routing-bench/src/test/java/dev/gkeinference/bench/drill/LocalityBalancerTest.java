package dev.gkeinference.bench.drill;

import dev.gkeinference.bench.gateway.Endpoint;
import dev.gkeinference.bench.gateway.RouteDecision;
import dev.gkeinference.bench.gateway.RoutingSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CUSTOM_METRICS + maxUtilizationPercent semantics, driven by observations instead of live probes. */
class LocalityBalancerTest {
    private final Endpoint a1 = Endpoint.parse("127.0.0.1:1");
    private final Endpoint a2 = Endpoint.parse("127.0.0.1:2");
    private final Endpoint b1 = Endpoint.parse("127.0.0.1:3");
    private final Region near = new Region("near", List.of(a1, a2));
    private final Region far = new Region("far", List.of(b1));
    // Probes of these closed ports fail; the hour-long interval keeps them from interfering after the first one.
    private final LocalityBalancer balancer = new LocalityBalancer(List.of(near, far), 0.8, Duration.ofHours(1), 2, 1);

    @AfterEach
    void stop() {
        balancer.close();
    }

    private void allHealthy(double nearUse, double farUse) {
        balancer.observeSuccess(a1, nearUse);
        balancer.observeSuccess(a2, nearUse);
        balancer.observeSuccess(b1, farUse);
    }

    @Test
    void theNearRegionTakesTrafficUntilItsMeanUtilizationReachesTheCap() throws Exception {
        allHealthy(0.5, 0.1);
        assertEquals(near, balancer.chooseRegion());
        balancer.observeSuccess(a1, 0.9); // mean 0.7 < 0.8
        assertEquals(near, balancer.chooseRegion());
        balancer.observeSuccess(a2, 0.8); // mean 0.85 >= 0.8: spill over
        assertEquals(far, balancer.chooseRegion());
        balancer.observeSuccess(b1, 0.95); // both over the cap: the one with more headroom
        assertEquals(near, balancer.chooseRegion());
    }

    @Test
    void aRegionIsDroppedAfterConsecutiveHealthCheckFailuresAndItsBackendsBecomeFallbacksOnly() throws Exception {
        allHealthy(0.1, 0.1);
        balancer.observeFailure(a1);
        balancer.observeFailure(a2);
        assertTrue(balancer.healthy(near), "one failure is not enough");
        balancer.observeFailure(a1);
        balancer.observeFailure(a2);
        assertFalse(balancer.healthy(near));
        assertEquals(far, balancer.chooseRegion());
        try (RoutingSession s = balancer.open()) {
            s.requestHeaders(List.of(), true);
            RouteDecision.Forward f = (RouteDecision.Forward) s.awaitRoute();
            assertEquals(b1, f.endpoints().get(0));
            assertEquals(3, f.endpoints().size(), "the other region's backends follow as connect-failure fallbacks");
        }
    }
}
