package dev.gkeinference.picker.protocol;

import com.google.protobuf.ByteString;
import dev.gkeinference.picker.Main;
import dev.gkeinference.picker.RunningPicker;
import dev.gkeinference.picker.state.EndpointState;
import dev.gkeinference.picker.testing.ExtProcCall;
import dev.gkeinference.picker.testing.FakeModelServer;
import dev.gkeinference.picker.testing.Poll;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import static dev.gkeinference.picker.testing.ExtProcCall.body;
import static dev.gkeinference.picker.testing.ExtProcCall.completionBody;
import static dev.gkeinference.picker.testing.ExtProcCall.headers;
import static dev.gkeinference.picker.testing.ExtProcCall.postHeaders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The response side: usage and status read as they pass, in-flight freed when the response ends — real gRPC. */
class ResponseAccountingTest {

    private static FakeModelServer server;
    private static RunningPicker picker;
    private static ManagedChannel channel;

    @BeforeAll
    static void start() throws Exception {
        server = new FakeModelServer("127.0.0.1", 0, 0.1);
        picker = Main.start("--static-endpoints=" + server.hostPort(), "--secure-serving=false", "--metrics-endpoint-auth=false", "--grpc-port=0",
                "--grpc-health-port=0", "--metrics-port=0", "--bind-address=127.0.0.1",
                "--refresh-metrics-interval=20ms");
        channel = NettyChannelBuilder.forAddress("127.0.0.1", picker.grpcPort()).usePlaintext().build();
    }

    @AfterAll
    static void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        picker.close();
        server.close();
    }

    @Test
    void streamedUsageIsCountedAndTheEndpointFreedWhenTheResponseEndsNotTheStream() throws Exception {
        EndpointState endpoint = picker.registry().find(server.hostPort());
        long promptBefore = endpoint.served().promptTokens();
        try (ExtProcCall call = routed()) {
            assertEquals(1, endpoint.inFlight());
            call.send(ExtProcCall.responseHeaders(server.hostPort()));
            call.next();
            call.send(ExtProcCall.responseBody("data: {\"choices\":[{\"text\":\"hi\"}],\"usage\":null}\n\n", false));
            call.next();
            call.send(ExtProcCall.responseBody("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":200,"
                    + "\"completion_tokens\":2,\"prompt_tokens_details\":{\"cached_tokens\":150}}}\n\ndata: [DONE]\n\n",
                    true));
            assertTrue(call.next().getResponseBody().getResponse().getBodyMutation().getStreamedResponse()
                    .getEndOfStream());
            // The gateway has not closed the stream yet: the response's end alone frees the endpoint.
            Poll.until("released at the response's end", () -> endpoint.inFlight() == 0);
            assertFalse(call.completed());
        }
        assertEquals(promptBefore + 200, endpoint.served().promptTokens());
        String metrics = scrapeMetrics();
        String label = "{endpoint=\"" + server.hostPort() + "\"}";
        assertTrue(metrics.contains("inference_extension_endpoint_cached_prompt_tokens_total" + label), metrics);
        assertTrue(metrics.contains("inference_extension_endpoint_responses_total{endpoint=\"" + server.hostPort()
                + "\",status_class=\"2xx\"}"), metrics);
        assertTrue(metrics.contains("inference_extension_endpoint_prefix_cache_hit_ratio" + label), metrics);
        assertTrue(metrics.contains("inference_extension_prefix_cache_hit_ratio "), metrics);
    }

    @Test
    void serverErrorsCountTowardsTheEndpointsErrorRatio() throws Exception {
        EndpointState endpoint = picker.registry().find(server.hostPort());
        long errorsBefore = endpoint.served().serverErrors();
        try (ExtProcCall call = routed()) {
            call.send(ExtProcCall.responseHeaders(server.hostPort(), 503, "application/json", false));
            call.next();
            call.send(ExtProcCall.responseBody("{\"error\":{\"message\":\"overloaded\"}}", true));
            call.next();
            Poll.until("released", () -> endpoint.inFlight() == 0);
        }
        assertEquals(errorsBefore + 1, endpoint.served().serverErrors());
        assertTrue(endpoint.served().recentErrorRatio() > 0);
        assertTrue(scrapeMetrics().contains("status_class=\"5xx\""));
    }

    @Test
    void aResponseWithoutBodyEndsWithItsHeaders() {
        EndpointState endpoint = picker.registry().find(server.hostPort());
        try (ExtProcCall call = routed()) {
            call.send(ExtProcCall.responseHeaders(server.hostPort(), 204, "application/json", true));
            call.next();
            Poll.until("released", () -> endpoint.inFlight() == 0);
        }
    }

    @Test
    void aJsonResponseIsReadForUsageWhilePassedThroughUnchanged() {
        EndpointState endpoint = picker.registry().find(server.hostPort());
        long cachedBefore = endpoint.served().cachedTokens();
        String json = "{\"choices\":[{\"text\":\"done\"}],\"usage\":{\"prompt_tokens\":80,\"completion_tokens\":4,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":64}}}";
        try (ExtProcCall call = routed()) {
            call.send(ExtProcCall.responseHeaders(server.hostPort(), 200, "application/json", false));
            call.next();
            call.send(ExtProcCall.responseBody(json.substring(0, 30), false));
            assertEquals(json.substring(0, 30), call.next().getResponseBody().getResponse().getBodyMutation()
                    .getStreamedResponse().getBody().toStringUtf8());
            call.send(ExtProcCall.responseBody(json.substring(30), true));
            assertEquals(json.substring(30), call.next().getResponseBody().getResponse().getBodyMutation()
                    .getStreamedResponse().getBody().toStringUtf8());
            Poll.until("released", () -> endpoint.inFlight() == 0);
        }
        assertEquals(cachedBefore + 64, endpoint.served().cachedTokens());
    }

    /** A routed request whose request side is done (headers and body answered). */
    private static ExtProcCall routed() {
        ByteString json = completionBody("m", "account me");
        ExtProcCall call = new ExtProcCall(channel);
        call.send(headers(postHeaders(json.size()), false, null)).send(body(json, true));
        assertTrue(call.next().hasRequestHeaders());
        call.next();
        return call;
    }

    private static String scrapeMetrics() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + picker.metricsPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }
}
