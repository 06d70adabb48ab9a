package dev.gkeinference.bench.simulator;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimClusterTest {

    @Test
    void serversListenOnTheirOwnLoopbackAddressesOnOnePort() throws Exception {
        SimProfile p = SimProfile.defaultProfile().withTimeScale(0.05);
        try (SimCluster c = SimCluster.start("t", List.of(p, p.slowedBy(2), p), 1)) {
            List<String> endpoints = c.endpoints();
            int port = c.servers().get(0).port();
            assertEquals(List.of("127.0.0.2:" + port, "127.0.0.3:" + port, "127.0.0.4:" + port), endpoints);
            HttpClient http = HttpClient.newHttpClient();
            for (String e : endpoints) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + e + "/metrics"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertTrue(r.body().contains("vllm:prefix_cache_hits_total"), r.body());
            }
        }
    }

    @Test
    void aSlowedServerTakesLongerPerTokenAndPerStep() {
        SimProfile p = SimProfile.defaultProfile();
        SimProfile slow = p.slowedBy(2);
        assertEquals(2 * p.prefillMsPerToken(), slow.prefillMsPerToken(), 1e-12);
        assertEquals(2 * p.interTokenLatencyMs(), slow.interTokenLatencyMs(), 1e-12);
        assertEquals(2 * p.prefillOverheadMs(), slow.prefillOverheadMs(), 1e-12);
    }
}
