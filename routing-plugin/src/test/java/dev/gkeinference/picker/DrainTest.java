package dev.gkeinference.picker;

import com.google.protobuf.ByteString;
import dev.gkeinference.picker.testing.ExtProcCall;
import dev.gkeinference.picker.testing.FakeModelServer;
import dev.gkeinference.picker.testing.Poll;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.gkeinference.picker.testing.ExtProcCall.body;
import static dev.gkeinference.picker.testing.ExtProcCall.completionBody;
import static dev.gkeinference.picker.testing.ExtProcCall.headers;
import static dev.gkeinference.picker.testing.ExtProcCall.postHeaders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SIGTERM path over real gRPC: NOT_SERVING at once, every stream served through the drain, then exit. */
class DrainTest {

    private static final Duration DRAIN = Duration.ofSeconds(3);

    @Test
    void drainReportsNotServingKeepsServingNewAndOpenStreamsThenWaitsForTheOpenOnes() throws Exception {
        try (FakeModelServer server = new FakeModelServer("127.0.0.1", 0, 0.1)) {
            RunningPicker picker = Main.start("--static-endpoints=" + server.hostPort(), "--secure-serving=false",
                    "--metrics-endpoint-auth=false", "--grpc-port=0", "--grpc-health-port=0", "--metrics-port=0",
                    "--bind-address=127.0.0.1", "--drain-timeout=" + DRAIN.toMillis() + "ms");
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", picker.grpcPort()).usePlaintext().build();
            ManagedChannel healthChannel = NettyChannelBuilder.forAddress("127.0.0.1", picker.healthPort())
                    .usePlaintext().build();
            assertEquals(ServingStatus.SERVING, health(healthChannel, "readiness"));
            ExtProcCall open = routed(channel, "a long answer");
            open.send(ExtProcCall.responseHeaders(server.hostPort()));
            open.next();

            long started = System.nanoTime();
            CompletableFuture<Void> drained = CompletableFuture.runAsync(picker::drainAndClose);
            Poll.until("readiness NOT_SERVING at once", () -> health(healthChannel, "readiness") == ServingStatus.NOT_SERVING);
            assertEquals(ServingStatus.NOT_SERVING, health(healthChannel, ""));
            assertEquals(ServingStatus.NOT_SERVING, health(healthChannel, "envoy.service.ext_proc.v3.ExternalProcessor"));
            assertEquals(ServingStatus.NOT_SERVING, health(healthChannel, "synced"));
            assertEquals(ServingStatus.SERVING, health(healthChannel, "liveness"));

            // A gateway that has not noticed yet still gets answers during the drain window.
            try (ExtProcCall late = routed(channel, "sent during the drain")) {
                late.halfClose();
                Poll.until("late stream done", late::completed);
            }
            echoed(open, "data: {\"choices\":[{\"text\":\"still\"}]}\n\n", false);

            // After the window no new stream is taken; the open one goes on until it ends.
            Poll.until("new streams refused", Duration.ofSeconds(20), () -> !accepts(channel));
            assertTrue(System.nanoTime() - started >= DRAIN.toNanos(), "refused only after the drain window");
            echoed(open, "data: {\"choices\":[{\"text\":\"streaming\"}]}\n\n", false);
            assertFalse(drained.isDone(), "the picker waits for the open stream");
            echoed(open, "data: [DONE]\n\n", true);
            open.halfClose();
            drained.get(20, TimeUnit.SECONDS);
            // The server completes the stream before it exits; the client may see it a moment later.
            Poll.until("open stream completed", open::completed);
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            healthChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static ExtProcCall routed(ManagedChannel channel, String prompt) {
        ByteString json = completionBody("m", prompt);
        ExtProcCall call = new ExtProcCall(channel);
        call.send(headers(postHeaders(json.size()), false, null)).send(body(json, true));
        assertTrue(call.next().hasRequestHeaders(), "routed");
        call.next();
        return call;
    }

    private static void echoed(ExtProcCall call, String chunk, boolean endOfStream) {
        call.send(ExtProcCall.responseBody(chunk, endOfStream));
        assertEquals(chunk, call.next().getResponseBody().getResponse().getBodyMutation().getStreamedResponse()
                .getBody().toStringUtf8());
    }

    /** Whether a new ext_proc stream is answered; a refused one fails fast, a slow answer on a busy machine is waited for. */
    private static boolean accepts(ManagedChannel channel) {
        ByteString json = completionBody("m", "probe");
        ExtProcCall call = new ExtProcCall(channel);
        try {
            call.send(headers(postHeaders(json.size()), false, null)).send(body(json, true));
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline) {
                if (call.nextOrNull(Duration.ofMillis(100)) != null) {
                    return true;
                }
                if (call.error() != null) {
                    return false;
                }
            }
            throw new AssertionError("a new stream was neither answered nor refused within 15 s");
        } finally {
            call.close();
        }
    }

    private static ServingStatus health(ManagedChannel channel, String service) {
        return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
    }
}
