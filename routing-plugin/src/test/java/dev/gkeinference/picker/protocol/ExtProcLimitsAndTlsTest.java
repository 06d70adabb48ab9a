package dev.gkeinference.picker.protocol;

import com.google.protobuf.ByteString;
import dev.gkeinference.picker.Main;
import dev.gkeinference.picker.RunningPicker;
import dev.gkeinference.picker.testing.ExtProcCall;
import dev.gkeinference.picker.testing.FakeModelServer;
import dev.gkeinference.picker.testing.Poll;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.gkeinference.picker.testing.ExtProcCall.body;
import static dev.gkeinference.picker.testing.ExtProcCall.completionBody;
import static dev.gkeinference.picker.testing.ExtProcCall.headers;
import static dev.gkeinference.picker.testing.ExtProcCall.postHeaders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Body limit (413), an endpoint never scraped (still routed), TLS by default, gRPC health — over real netty. */
class ExtProcLimitsAndTlsTest {

    private static final String[] LOCAL = {"--grpc-port=0", "--grpc-health-port=0", "--metrics-port=0",
            "--bind-address=127.0.0.1", "--refresh-metrics-interval=20ms", "--metrics-endpoint-auth=false"};

    @Test
    void bodyOverTheConfiguredLimitIs413ByDeclaredLengthAndByStreamedBytes(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("c.yaml"), "request:\n  maxBodyBytes: 1000\n");
        try (FakeModelServer server = new FakeModelServer(0, 0);
             RunningPicker picker = start("--static-endpoints=" + server.hostPort(), "--secure-serving=false",
                     "--config-file=" + config)) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", picker.grpcPort()).usePlaintext().build();
            try (ExtProcCall call = new ExtProcCall(channel)) {
                call.send(headers(postHeaders(5000), false, null));
                ProcessingResponse r = call.next();
                assertEquals(413, r.getImmediateResponse().getStatus().getCodeValue());
                Poll.until("stream ended after the immediate response", call::completed);
            }
            try (ExtProcCall call = new ExtProcCall(channel)) {
                call.send(headers(Map.of(":method", "POST", ":path", "/v1/completions"), false, null))
                        .send(body(ByteString.copyFromUtf8("{\"model\":\"m\",\"prompt\":\"" + "y".repeat(600)), false))
                        .send(body(ByteString.copyFromUtf8("y".repeat(600) + "\"}"), true));
                assertEquals(413, call.next().getImmediateResponse().getStatus().getCodeValue());
            }
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void fallbacksAreOptInAndFollowThePrimaryInTheDestinationList(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("c.yaml"), "picker:\n  maxEndpoints: 3\n");
        try (FakeModelServer a = new FakeModelServer("127.0.0.1", 0, 0.1);
             FakeModelServer b = new FakeModelServer("127.0.0.2", 0, 0.1);
             RunningPicker picker = start("--static-endpoints=" + a.hostPort() + "," + b.hostPort(),
                     "--secure-serving=false", "--config-file=" + config)) {
            // Until both are scraped only the fresh one is a candidate.
            Poll.until("both endpoints scraped", () -> picker.registry().endpoints().stream()
                    .allMatch(e -> e.isFresh(System.nanoTime(), 2_000_000_000L)));
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", picker.grpcPort()).usePlaintext().build();
            ByteString json = completionBody("m", "fallbacks");
            try (ExtProcCall call = new ExtProcCall(channel)) {
                call.send(headers(postHeaders(json.size()), false, null)).send(body(json, true));
                ProcessingResponse r = call.next();
                String[] endpoints = ExtProcProtocolTest.header(r.getRequestHeaders().getResponse(),
                        "x-gateway-destination-endpoint").split(",");
                // up to 3 endpoints; the pool has 2, all distinct, in the same order in the metadata
                assertEquals(java.util.Set.of(a.hostPort(), b.hostPort()), java.util.Set.of(endpoints));
                assertEquals(String.join(",", endpoints), r.getDynamicMetadata().getFieldsOrThrow("envoy.lb")
                        .getStructValue().getFieldsOrThrow("x-gateway-destination-endpoint").getStringValue());
            }
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void endpointThatNeverAnsweredAScrapeIsStillRouted() throws Exception {
        FakeModelServer server = new FakeModelServer(0, 0);
        String endpoint = server.hostPort();
        server.close(); // nothing answers the scrapes
        try (RunningPicker picker = start("--static-endpoints=" + endpoint, "--secure-serving=false",
                "--metrics-staleness-threshold=100ms")) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", picker.grpcPort()).usePlaintext().build();
            ByteString json = completionBody("m", "hello");
            try (ExtProcCall call = new ExtProcCall(channel)) {
                call.send(headers(postHeaders(json.size()), false, null)).send(body(json, true));
                ProcessingResponse r = call.next();
                assertEquals(endpoint, ExtProcProtocolTest.header(r.getRequestHeaders().getResponse(),
                        "x-gateway-destination-endpoint"));
            }
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void extProcIsServedOverTlsByDefaultWithASelfSignedCertificate() throws Exception {
        try (FakeModelServer server = new FakeModelServer(0, 0);
             RunningPicker picker = start("--static-endpoints=" + server.hostPort())) {
            ManagedChannel plaintext = NettyChannelBuilder.forAddress("127.0.0.1", picker.grpcPort()).usePlaintext().build();
            assertThrows(StatusRuntimeException.class, () -> HealthGrpc.newBlockingStub(plaintext)
                    .withDeadlineAfter(5, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance()));
            plaintext.shutdownNow();
            ManagedChannel tls = NettyChannelBuilder.forAddress("127.0.0.1", picker.grpcPort())
                    .sslContext(GrpcSslContexts.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build())
                    .build();
            try (ExtProcCall call = new ExtProcCall(tls)) {
                call.send(headers(Map.of(":method", "GET", ":path", "/v1/models"), true, null));
                assertEquals(server.hostPort(), ExtProcProtocolTest.header(
                        call.next().getRequestHeaders().getResponse(), "x-gateway-destination-endpoint"));
            }
            tls.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void grpcHealthServesLivenessReadinessExtProcAndOverall() throws Exception {
        try (FakeModelServer server = new FakeModelServer(0, 0);
             RunningPicker picker = start("--static-endpoints=" + server.hostPort(), "--secure-serving=false")) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", picker.healthPort()).usePlaintext().build();
            HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
            for (String service : new String[] {"liveness", "readiness", "envoy.service.ext_proc.v3.ExternalProcessor", ""}) {
                assertEquals(ServingStatus.SERVING,
                        health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus(), service);
            }
            StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class,
                    () -> health.check(HealthCheckRequest.newBuilder().setService("nope").build()));
            assertEquals(io.grpc.Status.Code.NOT_FOUND, unknown.getStatus().getCode());
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void tlsUsesTheCertificateOfCertPath(@TempDir Path dir) throws Exception {
        var cert = dev.gkeinference.picker.ops.SelfSignedCertificate.generate("from-cert-path");
        Files.writeString(dir.resolve("tls.crt"), cert.certificatePem());
        Files.writeString(dir.resolve("tls.key"), cert.privateKeyPem());
        try (FakeModelServer server = new FakeModelServer(0, 0);
             RunningPicker picker = start("--static-endpoints=" + server.hostPort(), "--cert-path=" + dir)) {
            java.security.cert.X509Certificate expected = (java.security.cert.X509Certificate)
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(
                            new java.io.ByteArrayInputStream(cert.certificatePem().getBytes()));
            // Trust exactly that certificate: the handshake only succeeds if the server presents it.
            ManagedChannel tls = NettyChannelBuilder.forAddress("127.0.0.1", picker.grpcPort())
                    .sslContext(GrpcSslContexts.forClient().trustManager(expected).build())
                    .overrideAuthority("localhost").build();
            assertEquals(ServingStatus.SERVING, HealthGrpc.newBlockingStub(tls).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.newBuilder().setService("liveness").build()).getStatus());
            tls.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static RunningPicker start(String... flags) {
        String[] all = new String[LOCAL.length + flags.length];
        System.arraycopy(LOCAL, 0, all, 0, LOCAL.length);
        System.arraycopy(flags, 0, all, LOCAL.length, flags.length);
        return Main.start(all);
    }
}
