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
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.gkeinference.picker.testing.ExtProcCall.body;
import static dev.gkeinference.picker.testing.ExtProcCall.completionBody;
import static dev.gkeinference.picker.testing.ExtProcCall.headers;
import static dev.gkeinference.picker.testing.ExtProcCall.postHeaders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The protocol drives each routed request's follow-up over real gRPC: its prefill work counts until the first
 * response bytes, and the cached tokens the usage reports (read by the response accounting) correct the prefix index.
 */
class DispatchFollowUpTest {

    /** 6,400 bytes: 1,600 estimated tokens, 100 blocks of the fake server's 16 tokens. */
    private static final String PROMPT = "p".repeat(6400);

    private static FakeModelServer server;
    private static RunningPicker picker;
    private static ManagedChannel channel;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        server = new FakeModelServer("127.0.0.1", 0, 0.1);
        Path config = Files.writeString(dir.resolve("c.yaml"), "prefix:\n  correctFromUsage: true\n");
        picker = Main.start("--static-endpoints=" + server.hostPort(), "--secure-serving=false",
                "--metrics-endpoint-auth=false", "--grpc-port=0", "--grpc-health-port=0", "--metrics-port=0",
                "--bind-address=127.0.0.1", "--refresh-metrics-interval=20ms", "--config-file=" + config);
        Poll.until("scraped", () -> picker.registry().find(server.hostPort()).prefixBlocks().capacity() == 1024);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", picker.grpcPort()).usePlaintext().build();
    }

    @AfterAll
    static void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        picker.close();
        server.close();
    }

    @Test
    void prefillCountsUntilTheFirstTokenNotUntilTheEnd() {
        EndpointState endpoint = picker.registry().find(server.hostPort());
        try (ExtProcCall call = routed("cold " + PROMPT)) {
            assertTrue(endpoint.timing().prefillTokensInFlight() >= 1600, "prefill " + endpoint.timing().prefillTokensInFlight());
            call.send(ExtProcCall.responseHeaders(server.hostPort()));
            call.next();
            assertTrue(endpoint.timing().prefillTokensInFlight() >= 1600, "headers are not a token");
            call.send(ExtProcCall.responseBody("data: {\"choices\":[{\"text\":\"hi\"}]}\n\n", false));
            call.next();
            assertEquals(0, endpoint.timing().prefillTokensInFlight());
            assertEquals(1, endpoint.inFlight(), "the request itself runs until its response ends");
        }
    }

    @Test
    void anErrorResponseReleasesItsPrefillAtItsEnd() {
        EndpointState endpoint = picker.registry().find(server.hostPort());
        try (ExtProcCall call = routed("error " + PROMPT)) {
            call.send(ExtProcCall.responseHeaders(server.hostPort(), 503, "application/json", false));
            call.next();
            call.send(ExtProcCall.responseBody("{\"error\":{\"message\":\"overloaded\"}}", true));
            call.next();
            Poll.until("prefill released", () -> endpoint.timing().prefillTokensInFlight() == 0);
        }
    }

    @Test
    void aReportedMissCapsThePrefixIndex() {
        EndpointState endpoint = picker.registry().find(server.hostPort());
        String prompt = "miss " + PROMPT;
        answer(routed(prompt), 0);
        // Routed again, the index predicts all 100 blocks; the server says it had none of them cached.
        answer(routed(prompt), 0);
        Poll.until("capped", () -> endpoint.prefixBlocks().limit() == 512);
        assertEquals(512, endpoint.prefixBlocks().capacity());
    }

    /** Streams one token and a final usage event reporting {@code cached} prompt tokens, then ends the stream. */
    private static void answer(ExtProcCall call, int cached) {
        try (call) {
            call.send(ExtProcCall.responseHeaders(server.hostPort()));
            call.next();
            call.send(ExtProcCall.responseBody("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":1602,"
                    + "\"completion_tokens\":1,\"prompt_tokens_details\":{\"cached_tokens\":" + cached
                    + "}}}\n\ndata: [DONE]\n\n", true));
            call.next();
        }
    }

    /** A routed request whose request side is done (headers and body answered). */
    private static ExtProcCall routed(String prompt) {
        ByteString json = completionBody("m", prompt);
        ExtProcCall call = new ExtProcCall(channel);
        call.send(headers(postHeaders(json.size()), false, null)).send(body(json, true));
        assertTrue(call.next().hasRequestHeaders());
        call.next();
        return call;
    }
}
