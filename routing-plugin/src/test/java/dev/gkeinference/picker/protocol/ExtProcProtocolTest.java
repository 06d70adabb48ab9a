package dev.gkeinference.picker.protocol;

import com.google.protobuf.ByteString;
import dev.gkeinference.picker.Main;
import dev.gkeinference.picker.RunningPicker;
import dev.gkeinference.picker.state.EndpointState;
import dev.gkeinference.picker.testing.ExtProcCall;
import dev.gkeinference.picker.testing.FakeModelServer;
import dev.gkeinference.picker.testing.Poll;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.StreamedBodyResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.gkeinference.picker.testing.ExtProcCall.body;
import static dev.gkeinference.picker.testing.ExtProcCall.completionBody;
import static dev.gkeinference.picker.testing.ExtProcCall.headers;
import static dev.gkeinference.picker.testing.ExtProcCall.postHeaders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every rule of the Endpoint Picker Protocol, over real gRPC (netty) on 127.0.0.1. */
class ExtProcProtocolTest {

    private static FakeModelServer serverA;
    private static FakeModelServer serverB;
    private static RunningPicker picker;
    private static ManagedChannel channel;

    @BeforeAll
    static void start() throws Exception {
        serverA = new FakeModelServer("127.0.0.1", 0, 0.1);
        serverB = new FakeModelServer("127.0.0.2", 0, 0.1);
        picker = Main.start("--static-endpoints", serverA.hostPort() + "," + serverB.hostPort(),
                "--secure-serving=false", "--metrics-endpoint-auth=false", "--grpc-port=0", "--grpc-health-port=0", "--metrics-port=0",
                "--bind-address=127.0.0.1", "--refresh-metrics-interval=20ms");
        Poll.until("both endpoints scraped", () -> picker.registry().endpoints().stream()
                .allMatch(e -> e.isFresh(System.nanoTime(), 2_000_000_000L)));
        channel = NettyChannelBuilder.forAddress("127.0.0.1", picker.grpcPort()).usePlaintext().build();
    }

    @AfterAll
    static void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        picker.close();
        serverA.close();
        serverB.close();
    }

    @Test
    void headersAnswerIsHeldUntilBodyEndsThenCarriesDestinationInHeaderAndMetadata() {
        ByteString json = completionBody("m", "hello world");
        try (ExtProcCall call = new ExtProcCall(channel)) {
            call.send(headers(postHeaders(json.size()), false, null))
                    .send(body(json.substring(0, 10), false))
                    .send(body(json.substring(10), true));
            ProcessingResponse first = call.next();
            // The first answer of the stream is the headers answer, sent only after the body's end of stream.
            assertTrue(first.hasRequestHeaders(), "first response must answer the request headers: " + first);
            CommonResponse common = first.getRequestHeaders().getResponse();
            assertTrue(common.getClearRouteCache());
            String destination = header(common, "x-gateway-destination-endpoint");
            String primary = destination.split(",")[0];
            assertTrue(Set.of(serverA.hostPort(), serverB.hostPort()).contains(primary), destination);
            assertEquals(destination, first.getDynamicMetadata().getFieldsOrThrow("envoy.lb").getStructValue()
                    .getFieldsOrThrow("x-gateway-destination-endpoint").getStringValue());
            assertEquals(Integer.toString(json.size()), header(common, "content-length"));
            // The objective headers go on to the model server; only the picker's own served key is removed.
            assertEquals(List.of("x-gateway-destination-endpoint-served"), common.getHeaderMutation().getRemoveHeadersList());
            for (HeaderValueOption o : common.getHeaderMutation().getSetHeadersList()) {
                assertEquals(HeaderValueOption.HeaderAppendAction.OVERWRITE_IF_EXISTS_OR_ADD, o.getAppendAction());
            }
            StreamedBodyResponse bodyBack = call.next().getRequestBody().getResponse().getBodyMutation().getStreamedResponse();
            assertEquals(json, bodyBack.getBody());
            assertTrue(bodyBack.getEndOfStream());
        }
    }

    @Test
    void byDefaultTheDestinationIsOneEndpointThatAPlainOriginalDstClusterParses() {
        ByteString json = completionBody("m", "one endpoint");
        try (ExtProcCall call = new ExtProcCall(channel)) {
            call.send(headers(postHeaders(json.size()), false, null)).send(body(json, true));
            String destination = header(call.next().getRequestHeaders().getResponse(), "x-gateway-destination-endpoint");
            assertTrue(Set.of(serverA.hostPort(), serverB.hostPort()).contains(destination), destination);
        }
    }

    @Test
    void largeBodyIsReStreamedInChunksOfAtMost62000BytesWithEndOfStreamOnTheLast() {
        String prompt = "x".repeat(150_000);
        ByteString json = completionBody("m", prompt);
        try (ExtProcCall call = new ExtProcCall(channel)) {
            call.send(headers(postHeaders(json.size()), false, null));
            for (int off = 0; off < json.size(); off += 16384) {
                int end = Math.min(json.size(), off + 16384);
                call.send(body(json.substring(off, end), end == json.size()));
            }
            assertTrue(call.next().hasRequestHeaders());
            ByteString reassembled = ByteString.EMPTY;
            List<Integer> sizes = new ArrayList<>();
            while (true) {
                StreamedBodyResponse chunk = call.next().getRequestBody().getResponse().getBodyMutation()
                        .getStreamedResponse();
                sizes.add(chunk.getBody().size());
                reassembled = reassembled.concat(chunk.getBody());
                if (chunk.getEndOfStream()) {
                    break;
                }
            }
            assertEquals(json, reassembled);
            assertEquals(List.of(62000, 62000, json.size() - 124000), sizes);
        }
    }

    @Test
    void requestWithoutBodyGetsAReadyEndpointAtOnceSpreadOnLoad() {
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 40 && seen.size() < 2; i++) {
            try (ExtProcCall call = new ExtProcCall(channel)) {
                call.send(headers(Map.of(":method", "GET", ":path", "/v1/models"), true, null));
                ProcessingResponse r = call.next();
                String destination = header(r.getRequestHeaders().getResponse(), "x-gateway-destination-endpoint")
                        .split(",")[0];
                seen.add(destination);
                assertTrue(r.getDynamicMetadata().getFieldsOrThrow("envoy.lb").getStructValue()
                        .getFieldsOrThrow("x-gateway-destination-endpoint").getStringValue().startsWith(destination));
                call.halfClose();
                Poll.until("stream completed", call::completed);
            }
        }
        assertEquals(Set.of(serverA.hostPort(), serverB.hostPort()), seen, "load spreads over both endpoints");
    }

    @Test
    void subsetHintAsListRestrictsCandidatesByIp() {
        for (int i = 0; i < 10; i++) {
            // the port in the hint differs from the pod's: matching is by IP only
            String only = pickWith(ExtProcCall.subsetList(List.of("127.0.0.2:1")));
            assertEquals(serverB.hostPort(), only);
        }
    }

    @Test
    void subsetHintAsCommaStringIsAccepted() {
        assertEquals(serverA.hostPort(), pickWith(ExtProcCall.subsetString("127.0.0.1:9, 127.0.0.9:1")));
    }

    @Test
    void emptyOrUnmatchedSubsetHintIs503() {
        assertImmediate(ExtProcCall.subsetList(List.of()), 503);
        assertImmediate(ExtProcCall.subsetString("10.9.9.9:8000"), 503);
    }

    @Test
    void malformedJsonIs400WithReason() {
        ByteString bad = ByteString.copyFromUtf8("{\"model\": ");
        try (ExtProcCall call = new ExtProcCall(channel)) {
            call.send(headers(postHeaders(bad.size()), false, null)).send(body(bad, true));
            ProcessingResponse r = call.next();
            assertEquals(400, r.getImmediateResponse().getStatus().getCodeValue());
            assertTrue(r.getImmediateResponse().getBody().toStringUtf8().contains("not valid JSON"));
        }
    }

    @Test
    void responseHeadersAndBodyChunksArePassedThroughAsTheyArrive() throws Exception {
        ByteString json = completionBody("m", "stream me");
        try (ExtProcCall call = new ExtProcCall(channel)) {
            call.send(headers(postHeaders(json.size()), false, null)).send(body(json, true));
            String primary = header(call.next().getRequestHeaders().getResponse(), "x-gateway-destination-endpoint")
                    .split(",")[0];
            call.next(); // body
            call.send(ExtProcCall.responseHeaders(primary));
            ProcessingResponse headersAnswer = call.next();
            assertTrue(headersAnswer.hasResponseHeaders());
            // Each SSE chunk is answered before the next is sent: nothing is held back.
            for (int i = 0; i < 3; i++) {
                String event = "data: {\"choices\":[{\"text\":\"t" + i + "\"}]}\n\n";
                call.send(ExtProcCall.responseBody(event, false));
                StreamedBodyResponse echoed = call.next().getResponseBody().getResponse().getBodyMutation()
                        .getStreamedResponse();
                assertEquals(event, echoed.getBody().toStringUtf8());
                assertFalse(echoed.getEndOfStream());
            }
            call.send(ExtProcCall.responseBody("data: [DONE]\n\n", true));
            assertTrue(call.next().getResponseBody().getResponse().getBodyMutation().getStreamedResponse().getEndOfStream());
            call.halfClose();
            Poll.until("server completes the stream", call::completed);
            String metrics = scrapeMetrics();
            assertTrue(metrics.contains("inference_extension_endpoint_served_total{endpoint=\"" + primary + "\"}"), metrics);
        }
    }

    @Test
    void servedEndpointFromMetadataMovesTheInFlightCount() {
        ByteString json = completionBody("m", "retry");
        try (ExtProcCall call = new ExtProcCall(channel)) {
            call.send(headers(postHeaders(json.size()), false, ExtProcCall.subsetList(List.of("127.0.0.1:1"))))
                    .send(body(json, true));
            call.next();
            call.next();
            EndpointState a = picker.registry().find(serverA.hostPort());
            EndpointState b = picker.registry().find(serverB.hostPort());
            int aBefore = a.inFlight();
            int bBefore = b.inFlight();
            call.send(ExtProcCall.responseHeaders(serverB.hostPort()));
            call.next();
            assertEquals(aBefore - 1, a.inFlight());
            assertEquals(bBefore + 1, b.inFlight());
        }
    }

    @Test
    void cancelledStreamReleasesItsEndpoint() {
        ByteString json = completionBody("m", "cancel me");
        EndpointState a = picker.registry().find(serverA.hostPort());
        Poll.until("no request in flight on A", () -> a.inFlight() == 0);
        ExtProcCall call = new ExtProcCall(channel);
        call.send(headers(postHeaders(json.size()), false, ExtProcCall.subsetList(List.of("127.0.0.1:1"))))
                .send(body(json, true));
        call.next();
        assertEquals(1, a.inFlight());
        call.cancel();
        Poll.until("cancelled stream released A", () -> a.inFlight() == 0);
    }

    @Test
    void abandonedStreamBeforeRoutingHoldsNothing() {
        ExtProcCall call = new ExtProcCall(channel);
        call.send(headers(postHeaders(100), false, null)).send(body(ByteString.copyFromUtf8("{\"mod"), false));
        call.halfClose();
        Poll.until("server ends the abandoned stream", call::completed);
        assertFalse(call.hasPending(), "no answer for a request whose body never ended");
    }

    @Test
    void trailersEndTheBodyAndAreAnswered() {
        ByteString json = completionBody("m", "with trailers");
        try (ExtProcCall call = new ExtProcCall(channel)) {
            call.send(headers(postHeaders(json.size()), false, null)).send(body(json, false)).send(ExtProcCall.trailers());
            assertTrue(call.next().hasRequestHeaders());
            StreamedBodyResponse b = call.next().getRequestBody().getResponse().getBodyMutation().getStreamedResponse();
            assertEquals(json, b.getBody());
            assertTrue(call.next().hasRequestTrailers());
        }
    }

    @Test
    void emptyStreamedBodyIsRoutedAndAnsweredWithOneEmptyChunk() {
        try (ExtProcCall call = new ExtProcCall(channel)) {
            call.send(headers(postHeaders(0), false, null)).send(body(ByteString.EMPTY, true));
            ProcessingResponse h = call.next();
            assertFalse(header(h.getRequestHeaders().getResponse(), "x-gateway-destination-endpoint").isEmpty());
            StreamedBodyResponse b = call.next().getRequestBody().getResponse().getBodyMutation().getStreamedResponse();
            assertTrue(b.getBody().isEmpty());
            assertTrue(b.getEndOfStream());
        }
    }

    private String pickWith(io.envoyproxy.envoy.config.core.v3.Metadata hint) {
        ByteString json = completionBody("m", "subset");
        try (ExtProcCall call = new ExtProcCall(channel)) {
            call.send(headers(postHeaders(json.size()), false, hint)).send(body(json, true));
            ProcessingResponse r = call.next();
            assertTrue(r.hasRequestHeaders(), r.toString());
            return header(r.getRequestHeaders().getResponse(), "x-gateway-destination-endpoint");
        }
    }

    private void assertImmediate(io.envoyproxy.envoy.config.core.v3.Metadata hint, int status) {
        ByteString json = completionBody("m", "subset");
        try (ExtProcCall call = new ExtProcCall(channel)) {
            call.send(headers(postHeaders(json.size()), false, hint)).send(body(json, true));
            ProcessingResponse r = call.next();
            assertEquals(status, r.getImmediateResponse().getStatus().getCodeValue(), r.toString());
        }
    }

    static String header(CommonResponse common, String name) {
        Map<String, String> set = new HashMap<>();
        for (HeaderValueOption o : common.getHeaderMutation().getSetHeadersList()) {
            set.put(o.getHeader().getKey(), o.getHeader().getRawValue().toStringUtf8());
        }
        String v = set.get(name);
        if (v == null) {
            throw new AssertionError("no header " + name + " in " + set);
        }
        return v;
    }

    private static String scrapeMetrics() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + picker.metricsPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return r.body();
    }
}
