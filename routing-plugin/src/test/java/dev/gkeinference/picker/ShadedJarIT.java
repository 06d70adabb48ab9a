package dev.gkeinference.picker;

import com.google.protobuf.ByteString;
import dev.gkeinference.picker.testing.ExtProcCall;
import dev.gkeinference.picker.testing.FakeKubernetesApi;
import dev.gkeinference.picker.testing.FakeModelServer;
import dev.gkeinference.picker.testing.Poll;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shaded jar, run as users run it ({@code java -jar}): both discovery modes, SIGTERM drain, leader crash. */
class ShadedJarIT {

    private static final Pattern STARTED =
            Pattern.compile("ext_proc on :(\\d+) \\((TLS|plaintext)\\), health on :(\\d+), metrics on :(\\d+)/metrics");

    /** A picker process; its stderr goes to a file (reading a pipe races with the JDK draining it at exit). */
    private record Picker(Process process, int grpcPort, int healthPort, int metricsPort, Path stderrFile)
            implements AutoCloseable {
        List<String> stderr() {
            try {
                return Files.readAllLines(stderrFile, StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            process.destroy(); // SIGTERM: graceful shutdown through the shutdown hook
            try {
                assertTrue(process.waitFor(60, TimeUnit.SECONDS), "picker did not stop on SIGTERM");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        ServingStatus health(String service) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", healthPort).usePlaintext().build();
            try {
                return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                        .check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
            } catch (io.grpc.StatusRuntimeException e) {
                return ServingStatus.UNKNOWN;
            } finally {
                channel.shutdownNow();
            }
        }
    }

    @Test
    void kubernetesModeOverTlsRoutesToTheDiscoveredPodWithMetricsForAuthorizedScrapersOnly(@TempDir Path dir)
            throws Exception {
        try (FakeKubernetesApi api = new FakeKubernetesApi();
             FakeModelServer server = new FakeModelServer("127.0.0.1", 0, 0.2)) {
            int port = Integer.parseInt(server.hostPort().split(":")[1]);
            api.apply(FakeKubernetesApi.POOLS.formatted("serving"), FakeKubernetesApi.pool("serving", "qwen",
                    Map.of("app", "vllm"), port));
            api.apply(FakeKubernetesApi.PODS.formatted("serving"), FakeKubernetesApi.pod("serving", "a",
                    Map.of("app", "vllm"), "127.0.0.1", true));
            api.authenticateAndAuthorize(Map.of("prometheus", "system:serviceaccount:monitoring:prometheus"),
                    Set.of("system:serviceaccount:monitoring:prometheus"));
            try (Picker picker = launch("--pool-name=qwen", "--pool-namespace=serving",
                    "--kubeconfig=" + api.writeKubeconfig(dir), "--drain-timeout=0s")) {
                ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", picker.grpcPort())
                        .sslContext(GrpcSslContexts.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build())
                        .build();
                Poll.until("routes to the discovered pod", () -> server.hostPort().equals(route(channel)));
                assertEquals(401, scrape(picker, null).statusCode(), "metrics auth is on by default");
                HttpResponse<String> metrics = scrape(picker, "Bearer prometheus");
                assertEquals(200, metrics.statusCode());
                assertTrue(metrics.body().contains("inference_extension_endpoint_picks_total{endpoint=\""
                        + server.hostPort() + "\"}"), metrics.body());
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void sigtermDrainsServingOpenAndNewStreamsThenExitsWhenTheLastOneEnds() throws Exception {
        try (FakeModelServer server = new FakeModelServer("127.0.0.1", 0, 0.2)) {
            Picker picker = launch("--static-endpoints=" + server.hostPort(), "--secure-serving=false",
                    "--metrics-endpoint-auth=false", "--drain-timeout=3s");
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", picker.grpcPort()).usePlaintext().build();
            Poll.until("routes to the static endpoint", () -> server.hostPort().equals(route(channel)));
            ExtProcCall open = openExchange(channel);

            picker.process().destroy(); // SIGTERM
            Poll.until("NOT_SERVING at once", () -> picker.health("readiness") == ServingStatus.NOT_SERVING);
            assertEquals(ServingStatus.SERVING, picker.health("liveness"));
            assertEquals(server.hostPort(), route(channel), "a stream opened during the drain is still served");
            Thread.sleep(3500); // past the drain window: no new streams, the open one goes on
            assertTrue(picker.process().isAlive(), "the picker waits for its open stream");
            echo(open, "data: {\"choices\":[{\"text\":\"late token\"}]}\n\n", false);
            echo(open, "data: [DONE]\n\n", true);
            open.halfClose();
            assertTrue(picker.process().waitFor(30, TimeUnit.SECONDS), "exits once the last stream ended");
            assertEquals(143, picker.process().exitValue(), "terminated by SIGTERM after a clean shutdown");
            List<String> stderr = picker.stderr();
            assertTrue(stderr.stream().anyMatch(l -> l.contains("draining: readiness NOT_SERVING")), stderr.toString());
            assertTrue(stderr.stream().anyMatch(l -> l.contains("drained: the last stream ended")), stderr.toString());
            assertTrue(picker.stderr().stream().noneMatch(l -> l.contains("Exception")), picker.stderr().toString());
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCrashedLeadersLeaseExpiresAndTheStandbyTakesOver(@TempDir Path dir) throws Exception {
        try (FakeKubernetesApi api = new FakeKubernetesApi()) {
            api.apply(FakeKubernetesApi.POOLS.formatted("ns"), FakeKubernetesApi.pool("ns", "p",
                    Map.of("app", "vllm"), 8000));
            api.apply(FakeKubernetesApi.PODS.formatted("ns"), FakeKubernetesApi.pod("ns", "a", Map.of("app", "vllm"),
                    "10.1.0.1", true));
            Path kubeconfig = api.writeKubeconfig(dir);
            String[] flags = {"--pool-name=p", "--pool-namespace=ns", "--kubeconfig=" + kubeconfig,
                    "--ha-enable-leader-election", "--metrics-endpoint-auth=false", "--drain-timeout=0s"};
            try (Picker a = launch(flags); Picker b = launch(flags)) {
                Poll.until("a leader", Duration.ofSeconds(30), () -> ready(a) || ready(b));
                Picker leader = ready(a) ? a : b;
                Picker standby = leader == a ? b : a;
                assertFalse(ready(standby));
                long killed = System.nanoTime();
                leader.process().destroyForcibly(); // SIGKILL: no release, the Lease has to expire
                Poll.until("standby takes over", Duration.ofSeconds(40), () -> ready(standby));
                long takeoverMillis = (System.nanoTime() - killed) / 1_000_000;
                System.out.println("leader election: takeover after a leader crash took " + takeoverMillis + " ms");
                assertTrue(takeoverMillis >= 5_000, "a crashed leader's Lease is honoured until it expires: "
                        + takeoverMillis);
            }
        }
    }

    private static boolean ready(Picker picker) {
        return picker.health("readiness") == ServingStatus.SERVING;
    }

    /** A routed exchange whose response has started streaming. */
    private static ExtProcCall openExchange(ManagedChannel channel) {
        ByteString json = ExtProcCall.completionBody("m", "a long answer");
        ExtProcCall call = new ExtProcCall(channel);
        call.send(ExtProcCall.headers(ExtProcCall.postHeaders(json.size()), false, null))
                .send(ExtProcCall.body(json, true));
        assertTrue(call.next().hasRequestHeaders());
        call.next();
        call.send(ExtProcCall.responseHeaders(null));
        call.next();
        return call;
    }

    private static void echo(ExtProcCall call, String chunk, boolean endOfStream) {
        call.send(ExtProcCall.responseBody(chunk, endOfStream));
        assertEquals(chunk, call.next().getResponseBody().getResponse().getBodyMutation().getStreamedResponse()
                .getBody().toStringUtf8());
    }

    private static HttpResponse<String> scrape(Picker picker, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + picker.metricsPort() + "/metrics"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The primary destination, or null when the picker answered otherwise. */
    private static String route(ManagedChannel channel) {
        ByteString json = ExtProcCall.completionBody("m", "hello from the jar test");
        try (ExtProcCall call = new ExtProcCall(channel)) {
            call.send(ExtProcCall.headers(ExtProcCall.postHeaders(json.size()), false, null))
                    .send(ExtProcCall.body(json, true));
            ProcessingResponse r = call.next();
            if (!r.hasRequestHeaders()) {
                return null;
            }
            for (HeaderValueOption o : r.getRequestHeaders().getResponse().getHeaderMutation().getSetHeadersList()) {
                if (o.getHeader().getKey().equals("x-gateway-destination-endpoint")) {
                    return o.getHeader().getRawValue().toStringUtf8().split(",")[0];
                }
            }
            return null;
        }
    }

    private static Picker launch(String... flags) throws Exception {
        Path jar = Path.of(System.getProperty("routing.plugin.jar", "target/routing-plugin.jar"));
        assertTrue(Files.isRegularFile(jar), "no jar at " + jar);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--grpc-port=0", "--grpc-health-port=0", "--metrics-port=0",
                "--bind-address=127.0.0.1", "--refresh-metrics-interval=20ms"));
        command.addAll(List.of(flags));
        Path stderr = Files.createTempFile("picker-", ".stderr");
        stderr.toFile().deleteOnExit();
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            for (String line : Files.readAllLines(stderr, StandardCharsets.UTF_8)) {
                Matcher m = STARTED.matcher(line);
                if (m.find()) {
                    return new Picker(process, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)),
                            Integer.parseInt(m.group(4)), stderr);
                }
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new AssertionError("picker did not start: " + Files.readAllLines(stderr, StandardCharsets.UTF_8));
    }
}
