package dev.gkeinference.picker;

import com.google.protobuf.ByteString;
import dev.gkeinference.picker.testing.ExtProcCall;
import dev.gkeinference.picker.testing.FakeKubernetesApi;
import dev.gkeinference.picker.testing.FakeModelServer;
import dev.gkeinference.picker.testing.Poll;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shaded jar, run as users run it ({@code java -jar}), in both discovery modes. */
class ShadedJarIT {

    private static final Pattern STARTED =
            Pattern.compile("ext_proc on :(\\d+) \\((TLS|plaintext)\\), health on :(\\d+), metrics on :(\\d+)/metrics");

    private record Picker(Process process, int grpcPort, int metricsPort, List<String> stderr) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            process.destroy(); // SIGTERM: graceful shutdown through the shutdown hook
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "picker did not stop on SIGTERM");
        }
    }

    @Test
    void kubernetesModeOverTlsRoutesToTheDiscoveredPod(@TempDir Path dir) throws Exception {
        try (FakeKubernetesApi api = new FakeKubernetesApi();
             FakeModelServer server = new FakeModelServer("127.0.0.1", 0, 0.2)) {
            int port = Integer.parseInt(server.hostPort().split(":")[1]);
            api.apply(FakeKubernetesApi.POOLS.formatted("serving"), FakeKubernetesApi.pool("serving", "qwen",
                    Map.of("app", "vllm"), port));
            api.apply(FakeKubernetesApi.PODS.formatted("serving"), FakeKubernetesApi.pod("serving", "a",
                    Map.of("app", "vllm"), "127.0.0.1", true));
            try (Picker picker = launch("--pool-name=qwen", "--pool-namespace=serving",
                    "--kubeconfig=" + api.writeKubeconfig(dir))) {
                ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", picker.grpcPort())
                        .sslContext(GrpcSslContexts.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build())
                        .build();
                Poll.until("routes to the discovered pod", () -> server.hostPort().equals(route(channel)));
                String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + picker.metricsPort() + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(metrics.contains("inference_extension_endpoint_picks_total{endpoint=\"" + server.hostPort()
                        + "\"}"), metrics);
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void staticModePlaintextServesAndStopsGracefully() throws Exception {
        try (FakeModelServer server = new FakeModelServer("127.0.0.1", 0, 0.2)) {
            Picker picker = launch("--static-endpoints=" + server.hostPort(), "--secure-serving=false");
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", picker.grpcPort()).usePlaintext().build();
            Poll.until("routes to the static endpoint", () -> server.hostPort().equals(route(channel)));
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            picker.close();
            assertEquals(143, picker.process().exitValue(), "terminated by SIGTERM after a clean shutdown");
            assertTrue(picker.stderr().stream().noneMatch(l -> l.contains("Exception")), picker.stderr().toString());
        }
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
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String line;
        while ((line = err.readLine()) != null) {
            lines.add(line);
            Matcher m = STARTED.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> err.lines().forEach(lines::add), "picker-stderr");
                drain.setDaemon(true);
                drain.start();
                return new Picker(process, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(4)), lines);
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        process.destroyForcibly();
        throw new AssertionError("picker did not start: " + lines);
    }
}
