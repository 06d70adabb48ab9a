package dev.gkeinference.picker.protocol;

import com.google.protobuf.ByteString;
import dev.gkeinference.picker.Main;
import dev.gkeinference.picker.RunningPicker;
import dev.gkeinference.picker.testing.ExtProcCall;
import dev.gkeinference.picker.testing.FakeModelServer;
import dev.gkeinference.picker.testing.Poll;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.gkeinference.picker.testing.ExtProcCall.body;
import static dev.gkeinference.picker.testing.ExtProcCall.completionBody;
import static dev.gkeinference.picker.testing.ExtProcCall.headers;
import static dev.gkeinference.picker.testing.ExtProcCall.postHeaders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stale or failing model-server metrics degrade routing, never black it out — over real gRPC on loopback. */
class DegradedRoutingTest {

    private FakeModelServer a;
    private FakeModelServer b;
    private RunningPicker picker;
    private ManagedChannel channel;

    /** Two endpoints; {@code /metrics} of each answers with the given HTTP status. */
    private void start(int statusA, int statusB) throws Exception {
        a = new FakeModelServer("127.0.0.1", 0, 0.1);
        b = new FakeModelServer("127.0.0.2", 0, 0.1);
        a.setStatus(statusA);
        b.setStatus(statusB);
        picker = Main.start("--static-endpoints=" + a.hostPort() + "," + b.hostPort(), "--secure-serving=false",
                "--metrics-endpoint-auth=false",
                "--grpc-port=0", "--grpc-health-port=0", "--metrics-port=0", "--bind-address=127.0.0.1",
                "--refresh-metrics-interval=20ms", "--metrics-staleness-threshold=200ms");
        Poll.until("both endpoints scraped at least twice", () -> a.scrapes() >= 2 && b.scrapes() >= 2);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", picker.grpcPort()).usePlaintext().build();
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        picker.close();
        a.close();
        b.close();
    }

    @Test
    void everyEndpointFailingItsScrapesStillRoutesEveryRequestSpreadByRequestsInFlight() throws Exception {
        start(500, 500);
        ByteString json = completionBody("m", "first");
        ExtProcCall held = new ExtProcCall(channel);
        held.send(headers(postHeaders(json.size()), false, null)).send(body(json, true));
        String first = destination(held.next());
        // The first request is still in flight on `first`: the picker's own view sends the next one elsewhere.
        ByteString other = completionBody("m", "second");
        try (ExtProcCall call = new ExtProcCall(channel)) {
            call.send(headers(postHeaders(other.size()), false, null)).send(body(other, true));
            String second = destination(call.next());
            assertNotEquals(first, second);
            assertEquals(Set.of(a.hostPort(), b.hostPort()), Set.of(first, second));
        }
        held.close();
        String metrics = scrapeMetrics();
        assertTrue(metrics.contains("inference_extension_scheduler_degraded_mode 1.0"), metrics);
        assertTrue(metrics.contains("inference_extension_scheduler_degraded_total 2.0"), metrics);
    }

    @Test
    void prefixAffinityHoldsWhileNoEndpointHasFreshMetrics() throws Exception {
        start(500, 500);
        String shared = "You are a careful assistant. Answer in one sentence. ".repeat(30);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            seen.add(routeAndFinish(shared + "question " + i));
        }
        assertEquals(1, seen.size(), "one shared prefix stays on one endpoint: " + seen);
    }

    @Test
    void withSomeEndpointsFreshOnlyTheFreshOnesArePicked() throws Exception {
        start(200, 500);
        Poll.until("A fresh", () -> picker.registry().find(a.hostPort()).isFresh(System.nanoTime(), 200_000_000L));
        for (int i = 0; i < 20; i++) {
            assertEquals(a.hostPort(), routeAndFinish("request " + i));
        }
        assertTrue(scrapeMetrics().contains("inference_extension_scheduler_degraded_mode 0.0"));
    }

    @Test
    void metricsComingBackEndTheDegradedMode() throws Exception {
        start(500, 500);
        routeAndFinish("while stale");
        assertTrue(picker.scheduler().degraded());
        a.setStatus(200);
        b.setStatus(200);
        Poll.until("fresh again", () -> picker.registry().endpoints().stream()
                .allMatch(e -> e.isFresh(System.nanoTime(), 200_000_000L)));
        routeAndFinish("fresh again");
        assertEquals(false, picker.scheduler().degraded());
    }

    /** Routes one request, finishes its exchange (response seen, stream closed) and returns the primary endpoint. */
    private String routeAndFinish(String prompt) {
        ByteString json = completionBody("m", prompt);
        try (ExtProcCall call = new ExtProcCall(channel)) {
            call.send(headers(postHeaders(json.size()), false, null)).send(body(json, true));
            String primary = destination(call.next());
            call.next(); // the body
            call.halfClose();
            Poll.until("stream completed", call::completed);
            Poll.until("released", () -> picker.registry().find(primary).inFlight() == 0);
            return primary;
        }
    }

    private static String destination(ProcessingResponse r) {
        assertTrue(r.hasRequestHeaders(), "routed, not answered by the picker: " + r);
        String value = ExtProcProtocolTest.header(r.getRequestHeaders().getResponse(), "x-gateway-destination-endpoint");
        return value.split(",")[0];
    }

    private String scrapeMetrics() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + picker.metricsPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }
}
