package dev.gkeinference.picker.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.gkeinference.picker.Main;
import dev.gkeinference.picker.RunningPicker;
import dev.gkeinference.picker.testing.ExtProcCall;
import dev.gkeinference.picker.testing.FakeModelServer;
import dev.gkeinference.picker.testing.Poll;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.ext_proc.v3.ImmediateResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.StreamedBodyResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.gkeinference.picker.testing.ExtProcCall.body;
import static dev.gkeinference.picker.testing.ExtProcCall.headers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each kind of request body, and the picker's own error answers, over real gRPC on loopback. */
public class RequestKindsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static FakeModelServer[] servers;
    private static RunningPicker picker;
    private static ManagedChannel channel;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        servers = new FakeModelServer[4];
        StringBuilder endpoints = new StringBuilder();
        for (int i = 0; i < servers.length; i++) {
            servers[i] = new FakeModelServer("127.0.0." + (i + 1), 0, 0.1);
            endpoints.append(i == 0 ? "" : ",").append(servers[i].hostPort());
        }
        Path config = Files.writeString(dir.resolve("c.yaml"), "request:\n  maxBodyBytes: 100000\n");
        picker = Main.start("--static-endpoints=" + endpoints, "--secure-serving=false", "--metrics-endpoint-auth=false", "--grpc-port=0",
                "--grpc-health-port=0", "--metrics-port=0", "--bind-address=127.0.0.1",
                "--refresh-metrics-interval=20ms", "--config-file=" + config);
        Poll.until("all scraped", () -> picker.registry().endpoints().stream()
                .allMatch(e -> e.isFresh(System.nanoTime(), 2_000_000_000L)));
        channel = NettyChannelBuilder.forAddress("127.0.0.1", picker.grpcPort()).usePlaintext().build();
    }

    @AfterAll
    static void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        picker.close();
        for (FakeModelServer s : servers) {
            s.close();
        }
    }

    @Test
    void eachInferenceApiKeepsASharedPrefixOnOneEndpoint() {
        String shared = "Company policy: refunds within 30 days, no exceptions, escalate to a human. ".repeat(20);
        Map<String, String> apis = Map.of(
                "/v1/chat/completions", "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"" + shared
                        + "\"},{\"role\":\"user\",\"content\":\"QUESTION\"}]}",
                "/v1/responses", "{\"model\":\"m\",\"instructions\":\"" + shared + "\",\"input\":\"QUESTION\"}",
                "/v1/messages", "{\"model\":\"m\",\"max_tokens\":8,\"system\":\"" + shared
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"QUESTION\"}]}",
                "/v1/embeddings", "{\"model\":\"m\",\"input\":\"" + shared + " QUESTION\"}");
        apis.forEach((path, template) -> {
            Set<String> endpoints = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                ByteString json = ByteString.copyFromUtf8(template.replace("QUESTION", "question number " + i));
                endpoints.add(routeBuffered(path, "application/json", json));
            }
            assertEquals(1, endpoints.size(), path + " spread a shared prefix over " + endpoints);
        });
    }

    @Test
    void jsonWithoutModelIsRoutedOnLoadWithItsBodyByteExact() {
        ByteString json = ByteString.copyFromUtf8("{ \"prompt\" : \"no model here\",\n \"n\": 1 }");
        assertFalse(routeBuffered("/v1/completions", "application/json", json).isEmpty());
    }

    @Test
    void anotherPathOrANonJsonBodyIsRoutedAtItsHeadersAndStreamsThrough() {
        for (String[] kind : new String[][] {{"/v1/audio/transcriptions", "multipart/form-data; boundary=b"},
                {"/v1/chat/completions", "application/octet-stream"}, {"/custom/endpoint", "application/json"}}) {
            try (ExtProcCall call = new ExtProcCall(channel)) {
                call.send(headers(Map.of(":method", "POST", ":path", kind[0], "content-type", kind[1]), false, null));
                // Routed before any body byte was sent: nothing is buffered.
                ProcessingResponse routed = call.next();
                assertTrue(routed.hasRequestHeaders(), routed.toString());
                assertTrue(routed.getRequestHeaders().getResponse().getHeaderMutation().getSetHeadersList().stream()
                        .noneMatch(h -> h.getHeader().getKey().equals("content-length")), "length left alone");
                byte[] audio = new byte[70_000];
                for (int i = 0; i < audio.length; i++) {
                    audio[i] = (byte) (i * 31);
                }
                ByteString first = ByteString.copyFrom(audio);
                call.send(body(first, false));
                assertEquals(first, reassemble(call, first.size(), false));
                ByteString last = ByteString.copyFromUtf8("--b--\r\n");
                call.send(body(last, true));
                assertEquals(last, reassemble(call, last.size(), true));
            }
        }
    }

    @Test
    void malformedJsonIs400AsAnOpenAiError() throws Exception {
        ByteString bad = ByteString.copyFromUtf8("{\"model\": \"m\", \"messages\": [");
        ImmediateResponse r = immediate("/v1/chat/completions", bad, null);
        assertError(r, 400, "invalid-request-body", "invalid_request_error");
        assertTrue(JSON.readTree(r.getBody().toByteArray()).at("/error/message").asText().contains("not valid JSON"));
    }

    @Test
    void oversizedBodyIs413ByDeclaredLengthAndByBytes() throws Exception {
        try (ExtProcCall call = new ExtProcCall(channel)) {
            call.send(headers(ExtProcCall.postHeaders(200_000), false, null));
            assertError(call.next().getImmediateResponse(), 413, "request-body-too-large", "invalid_request_error");
        }
        ByteString big = ByteString.copyFromUtf8("{\"model\":\"m\",\"prompt\":\"" + "x".repeat(120_000) + "\"}");
        assertError(immediate("/v1/completions", big, null), 413, "request-body-too-large", "invalid_request_error");
    }

    @Test
    void noEndpointInTheSubsetIs503AsAnOpenAiError() throws Exception {
        ByteString json = ExtProcCall.completionBody("m", "subset");
        ImmediateResponse r = immediate("/v1/completions", json, ExtProcCall.subsetList(List.of("10.9.9.9:8000")));
        assertError(r, 503, "no-endpoint-in-subset", "server_error");
    }

    /** Asserts the OpenAI error shape: JSON body and content type, and the reason header. */
    public static void assertError(ImmediateResponse r, int status, String code, String type) throws Exception {
        assertEquals(status, r.getStatus().getCodeValue());
        Map<String, String> headers = new HashMap<>();
        for (HeaderValueOption o : r.getHeaders().getSetHeadersList()) {
            headers.put(o.getHeader().getKey(), o.getHeader().getRawValue().toStringUtf8());
        }
        assertEquals("application/json", headers.get("content-type"));
        assertEquals(code, headers.get("x-llm-d-request-dropped-reason"));
        JsonNode error = JSON.readTree(r.getBody().toByteArray()).get("error");
        assertEquals(code, error.get("code").asText());
        assertEquals(type, error.get("type").asText());
        assertFalse(error.get("message").asText().isBlank());
        assertTrue(error.has("param"));
    }

    private static ImmediateResponse immediate(String path, ByteString json,
                                               io.envoyproxy.envoy.config.core.v3.Metadata hint) {
        try (ExtProcCall call = new ExtProcCall(channel)) {
            call.send(headers(Map.of(":method", "POST", ":path", path, "content-type", "application/json"), false, hint))
                    .send(body(json, true));
            ProcessingResponse r = call.next();
            assertTrue(r.hasImmediateResponse(), r.toString());
            return r.getImmediateResponse();
        }
    }

    /** Buffered, routed, re-streamed byte-exact; returns the primary endpoint. */
    private static String routeBuffered(String path, String contentType, ByteString json) {
        try (ExtProcCall call = new ExtProcCall(channel)) {
            call.send(headers(Map.of(":method", "POST", ":path", path, "content-type", contentType,
                    "content-length", Integer.toString(json.size())), false, null));
            call.send(body(json.substring(0, json.size() / 2), false)).send(body(json.substring(json.size() / 2), true));
            ProcessingResponse routed = call.next();
            assertTrue(routed.hasRequestHeaders(), path + ": " + routed);
            assertEquals(json, reassemble(call, json.size(), true));
            call.halfClose();
            Poll.until("stream completed", call::completed);
            return ExtProcProtocolTest.header(routed.getRequestHeaders().getResponse(), "x-gateway-destination-endpoint")
                    .split(",")[0];
        }
    }

    /** The re-streamed body chunks, {@code bytes} in all; the last must carry the given end-of-stream flag. */
    private static ByteString reassemble(ExtProcCall call, int bytes, boolean endOfStream) {
        ByteString all = ByteString.EMPTY;
        StreamedBodyResponse chunk = null;
        while (all.size() < bytes || chunk == null) {
            chunk = call.next().getRequestBody().getResponse().getBodyMutation().getStreamedResponse();
            assertTrue(chunk.getBody().size() <= 62_000);
            all = all.concat(chunk.getBody());
        }
        assertEquals(endOfStream, chunk.getEndOfStream());
        return all;
    }
}
