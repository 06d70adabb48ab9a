package dev.gkeinference.bench.gateway;

import dev.gkeinference.bench.simulator.SimProfile;
import dev.gkeinference.bench.simulator.SimServer;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway stand-in against a real gRPC ext_proc server and a real simulated model server, on loopback. */
class GatewayProxyTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private SimServer sim;
    private RecordingExtProcServer picker;
    private ExtProcRouting routing;
    private GatewayProxy gateway;

    @BeforeEach
    void start() throws Exception {
        sim = SimServer.start(SimProfile.defaultProfile().withTimeScale(0.05), "sim", 1, 0);
        picker = new RecordingExtProcServer();
        routing = new ExtProcRouting("test", picker.port(), Duration.ofSeconds(10));
        gateway = new GatewayProxy(routing, Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        gateway.close();
        routing.close();
        picker.close();
        sim.close();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private HttpResponse<String> complete(String prompt, boolean shed) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/completions"))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"prompt\":\"" + prompt
                        + "\",\"max_tokens\":5,\"stream\":true}"));
        if (shed) {
            b.header("x-test-shed", "1");
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void exchangeFollowsEnvoysFullDuplexOrderAndWalksTheFallbackList() throws Exception {
        picker.destination("127.0.0.1:" + closedPort() + "," + sim.endpoint());
        String prompt = "abcd".repeat(10_000); // ~40 KB: three request body chunks

        HttpResponse<String> r = complete(prompt, false);

        assertEquals(200, r.statusCode(), r.body());
        assertEquals(5, r.body().split("\"text\":").length - 1, r.body());
        assertTrue(r.body().endsWith("data: [DONE]\n\n"));
        assertEquals("true", r.headers().firstValue("x-went-into-resp-headers").orElse(""));
        assertEquals(sim.endpoint(), r.headers().firstValue("x-gateway-destination-endpoint-served").orElse(""));
        assertEquals(1, gateway.connectFailures(), "the dead primary was skipped for the fallback");

        List<ProcessingRequest> seen = picker.received;
        ProcessingRequest first = seen.get(0);
        assertTrue(first.hasRequestHeaders());
        assertEquals(ProcessingMode.BodySendMode.FULL_DUPLEX_STREAMED, first.getProtocolConfig().getRequestBodyMode());
        assertEquals(ProcessingMode.BodySendMode.FULL_DUPLEX_STREAMED,
                first.getProtocolConfig().getResponseBodyMode());
        assertTrue(first.getRequestHeaders().getHeaders().getHeadersList().stream()
                .anyMatch(h -> h.getKey().equals(":path") && h.getRawValue().toStringUtf8().equals("/v1/completions")));
        int bodies = 0;
        int i = 1;
        while (seen.get(i).hasRequestBody()) {
            bodies++;
            assertEquals(seen.get(i + 1).hasRequestBody() ? false : true, seen.get(i).getRequestBody().getEndOfStream());
            i++;
        }
        assertEquals(3, bodies);
        ProcessingRequest responseHeaders = seen.get(i);
        assertTrue(responseHeaders.hasResponseHeaders());
        assertEquals(sim.endpoint(), responseHeaders.getMetadataContext().getFilterMetadataOrThrow("envoy.lb")
                .getFieldsOrThrow("x-gateway-destination-endpoint-served").getStringValue());
        List<ProcessingRequest> responseBodies = seen.subList(i + 1, seen.size());
        assertTrue(responseBodies.stream().allMatch(ProcessingRequest::hasResponseBody));
        assertTrue(responseBodies.get(responseBodies.size() - 1).getResponseBody().getEndOfStream());
        String relayed = responseBodies.stream().map(m -> m.getResponseBody().getBody().toStringUtf8())
                .reduce("", String::concat);
        assertEquals(r.body(), relayed, "the client got exactly what went through the picker");
    }

    @Test
    void immediateResponsesReachTheClientWithoutTouchingAnUpstream() throws Exception {
        picker.destination(sim.endpoint());
        HttpResponse<String> r = complete("hello", true);
        assertEquals(429, r.statusCode());
        assertEquals("shed", r.body());
        assertEquals(0, sim.snapshot().prefixCacheQueriedTokens());
    }

    @Test
    void allEndpointsUnreachableGives503() throws Exception {
        picker.destination("127.0.0.1:" + closedPort());
        assertEquals(503, complete("hello", false).statusCode());
    }
}
