package dev.gkeinference.bench.gateway;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BaselineRoutingTest {
    private final List<Endpoint> endpoints = List.of(Endpoint.parse("127.0.0.1:1"), Endpoint.parse("127.0.0.1:2"),
            Endpoint.parse("127.0.0.1:3"));

    private static Endpoint primary(RoutingSession s) throws Exception {
        return ((RouteDecision.Forward) s.awaitRoute()).endpoints().get(0);
    }

    @Test
    void roundRobinCyclesAndListsTheOthersAsFallbacks() throws Exception {
        BaselineRouting rr = new BaselineRouting(BaselineRouting.Policy.ROUND_ROBIN, endpoints, 1);
        for (int i = 0; i < 6; i++) {
            try (RoutingSession s = rr.open()) {
                RouteDecision.Forward f = (RouteDecision.Forward) s.awaitRoute();
                assertEquals(endpoints.get(i % 3), f.endpoints().get(0));
                assertEquals(3, f.endpoints().size());
            }
        }
    }

    @Test
    void leastOutstandingAvoidsBusyEndpointsUntilTheyFinish() throws Exception {
        BaselineRouting lor = new BaselineRouting(BaselineRouting.Policy.LEAST_OUTSTANDING, endpoints, 1);
        RoutingSession a = lor.open();
        RoutingSession b = lor.open();
        Endpoint first = primary(a);
        Endpoint second = primary(b);
        try (RoutingSession c = lor.open()) {
            Endpoint third = primary(c);
            assertEquals(3, java.util.Set.of(first, second, third).size(), "each goes to an idle endpoint");
        }
        a.close();
        try (RoutingSession d = lor.open()) {
            Endpoint next = primary(d);
            assertEquals(1, lor.outstanding(second));
            assertEquals(true, next.equals(first) || lor.outstanding(next) == 1);
        }
        b.close();
        for (Endpoint e : endpoints) {
            assertEquals(0, lor.outstanding(e));
        }
    }

    @Test
    void endpointListsParseInOrder() {
        assertEquals(List.of(new Endpoint("10.0.0.1", 8000), new Endpoint("::1", 9)),
                Endpoint.parseList("10.0.0.1:8000, [::1]:9"));
        assertEquals("[::1]:9", new Endpoint("::1", 9).toString());
    }
}
