package dev.gkeinference.picker.discovery;

import com.google.protobuf.ByteString;
import dev.gkeinference.picker.Main;
import dev.gkeinference.picker.RunningPicker;
import dev.gkeinference.picker.protocol.RequestKindsTest;
import dev.gkeinference.picker.testing.ExtProcCall;
import dev.gkeinference.picker.testing.FakeKubernetesApi;
import dev.gkeinference.picker.testing.FakeModelServer;
import dev.gkeinference.picker.testing.Poll;
import io.envoyproxy.envoy.service.ext_proc.v3.ImmediateResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.gkeinference.picker.testing.FakeKubernetesApi.LLMD_OBJECTIVES;
import static dev.gkeinference.picker.testing.FakeKubernetesApi.OBJECTIVES;
import static dev.gkeinference.picker.testing.FakeKubernetesApi.PODS;
import static dev.gkeinference.picker.testing.FakeKubernetesApi.POOLS;
import static dev.gkeinference.picker.testing.FakeKubernetesApi.objective;
import static dev.gkeinference.picker.testing.FakeKubernetesApi.pod;
import static dev.gkeinference.picker.testing.FakeKubernetesApi.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kubernetes mode against a real HTTP server on loopback that speaks the API (list + watch). */
class KubernetesDiscoveryTest {

    private static final String NS = "serving";
    private static final Map<String, String> VLLM = Map.of("app", "vllm");

    @Test
    void followsThePoolItsReadyPodsAndTargetPorts(@TempDir Path dir) throws Exception {
        try (FakeKubernetesApi api = new FakeKubernetesApi()) {
            api.apply(POOLS.formatted(NS), pool(NS, "qwen", VLLM, 8000));
            api.apply(POOLS.formatted(NS), pool(NS, "unrelated", Map.of("app", "other"), 9000));
            api.apply(PODS.formatted(NS), pod(NS, "a", VLLM, "10.1.0.1", true));
            api.apply(PODS.formatted(NS), pod(NS, "b", VLLM, "10.1.0.2", true));
            api.apply(PODS.formatted(NS), pod(NS, "not-ready", VLLM, "10.1.0.3", false));
            api.apply(PODS.formatted(NS), pod(NS, "other-app", Map.of("app", "other"), "10.1.0.4", true));
            try (RunningPicker picker = start(api, dir, "qwen")) {
                Poll.until("initial pods", () -> picker.registry().hostPorts().equals(Set.of("10.1.0.1:8000", "10.1.0.2:8000")));
                assertEquals(ServingStatus.SERVING, readiness(picker));

                api.apply(PODS.formatted(NS), pod(NS, "b", VLLM, "10.1.0.2", false));
                Poll.until("b no longer ready", () -> picker.registry().hostPorts().equals(Set.of("10.1.0.1:8000")));

                api.apply(PODS.formatted(NS), pod(NS, "c", VLLM, "10.1.0.5", true));
                api.delete(PODS.formatted(NS), "a");
                Poll.until("c added, a deleted", () -> picker.registry().hostPorts().equals(Set.of("10.1.0.5:8000")));

                api.apply(POOLS.formatted(NS), pool(NS, "qwen", VLLM, 8000, 8001));
                Poll.until("second target port", () -> picker.registry().hostPorts()
                        .equals(Set.of("10.1.0.5:8000", "10.1.0.5:8001")));

                api.apply(POOLS.formatted(NS), pool(NS, "qwen", Map.of("app", "other"), 8000));
                Poll.until("selector change re-watches pods", () -> picker.registry().hostPorts()
                        .equals(Set.of("10.1.0.4:8000")));

                api.delete(POOLS.formatted(NS), "qwen");
                Poll.until("pool deleted: no endpoints", () -> picker.registry().hostPorts().isEmpty());
            }
        }
    }

    @Test
    void legacyObjectivesWhenOnlyTheirApiIsInstalledNamedByEitherHeader(@TempDir Path dir) throws Exception {
        try (FakeKubernetesApi api = new FakeKubernetesApi();
             FakeModelServer a = new FakeModelServer("127.0.0.1", 20, 0.9)) {
            api.install("inference.networking.x-k8s.io/v1alpha2", "InferenceObjective", "inferenceobjectives");
            int port = Integer.parseInt(a.hostPort().split(":")[1]);
            api.apply(POOLS.formatted(NS), pool(NS, "qwen", VLLM, port));
            api.apply(PODS.formatted(NS), pod(NS, "a", VLLM, "127.0.0.1", true));
            api.apply(OBJECTIVES.formatted(NS), objective(NS, "batch", "qwen", -1));
            api.apply(OBJECTIVES.formatted(NS), objective(NS, "interactive", "qwen", 10));
            api.apply(OBJECTIVES.formatted(NS), objective(NS, "elsewhere", "other-pool", -5));
            try (RunningPicker picker = start(api, dir, "qwen")) {
                awaitScraped(picker);
                ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", picker.grpcPort()).usePlaintext().build();
                Poll.until("batch objective shed with 429", () -> status(channel, Map.of(LEGACY, "batch")) == 429);
                assertEquals(429, status(channel, Map.of(CURRENT, "batch")), "the current header names it too");
                assertEquals(200, status(channel, Map.of(CURRENT, "interactive", LEGACY, "batch")), "current wins");
                assertEquals(200, status(channel, Map.of(LEGACY, "interactive")));
                assertEquals(200, status(channel, Map.of(LEGACY, "elsewhere")), "objective of another pool does not apply");
                assertEquals(200, status(channel, Map.of()));
                RequestKindsTest.assertError(immediate(channel, Map.of(CURRENT, "batch")), 429, "rejected-saturated",
                        "rate_limit_error");
                a.setMetrics(0, 0.1);
                Poll.until("not saturated any more", () -> status(channel, Map.of(CURRENT, "batch")) == 200);
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void withBothApisInstalledTheLlmdObjectivesWinAndLegacyOnesAreIgnored(@TempDir Path dir) throws Exception {
        try (FakeKubernetesApi api = new FakeKubernetesApi();
             FakeModelServer a = new FakeModelServer("127.0.0.1", 20, 0.9)) {
            api.install("inference.networking.x-k8s.io/v1alpha2", "InferenceObjective", "inferenceobjectives");
            api.install("llm-d.ai/v1alpha2", "InferenceObjective", "inferenceobjectives");
            int port = Integer.parseInt(a.hostPort().split(":")[1]);
            api.apply(POOLS.formatted(NS), pool(NS, "qwen", VLLM, port));
            api.apply(PODS.formatted(NS), pod(NS, "a", VLLM, "127.0.0.1", true));
            api.apply(OBJECTIVES.formatted(NS), objective(NS, "batch", "qwen", -1));
            api.apply(LLMD_OBJECTIVES.formatted(NS), objective("llm-d.ai/v1alpha2", NS, "bulk", "qwen", -1));
            api.apply(LLMD_OBJECTIVES.formatted(NS), objective("llm-d.ai/v1alpha2", NS, "batch", "qwen", 0));
            try (RunningPicker picker = start(api, dir, "qwen")) {
                awaitScraped(picker);
                ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", picker.grpcPort()).usePlaintext().build();
                Poll.until("llm-d.ai objective shed with 429", () -> status(channel, Map.of(CURRENT, "bulk")) == 429);
                assertEquals(200, status(channel, Map.of(CURRENT, "batch")), "the legacy batch (-1) is ignored");
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void endpointSelectorModeWatchesPodsWithoutAnInferencePool(@TempDir Path dir) throws Exception {
        try (FakeKubernetesApi api = new FakeKubernetesApi()) {
            api.apply(PODS.formatted(NS), pod(NS, "a", VLLM, "10.1.0.1", true));
            api.apply(PODS.formatted(NS), pod(NS, "b", Map.of("app", "other"), "10.1.0.2", true));
            try (RunningPicker picker = Main.start("--endpoint-selector=app=vllm", "--endpoint-target-ports=8000,8001",
                    "--pool-namespace=" + NS, "--kubeconfig=" + api.writeKubeconfig(dir), "--secure-serving=false",
                    "--grpc-port=0", "--grpc-health-port=0", "--metrics-port=0", "--bind-address=127.0.0.1")) {
                Poll.until("selected pod, both ports", () -> picker.registry().hostPorts()
                        .equals(Set.of("10.1.0.1:8000", "10.1.0.1:8001")));
                assertEquals(ServingStatus.SERVING, readiness(picker));
                assertTrue(api.requests().stream().noneMatch(r -> r.contains("inferencepools")));
            }
        }
    }

    private static void awaitScraped(RunningPicker picker) {
        Poll.until("endpoint scraped", () -> !picker.registry().endpoints().isEmpty()
                && picker.registry().endpoints().get(0).isFresh(System.nanoTime(), 2_000_000_000L));
    }

    @Test
    void becomesReadyWhenTheApiServerComesUpAfterTheStart(@TempDir Path dir) throws Exception {
        int port;
        Path kubeconfig;
        try (FakeKubernetesApi probe = new FakeKubernetesApi()) {
            port = Integer.parseInt(probe.url().substring(probe.url().lastIndexOf(':') + 1));
            kubeconfig = probe.writeKubeconfig(dir);
        } // now nothing listens there
        try (RunningPicker picker = Main.start("--pool-name=qwen", "--pool-namespace=" + NS, "--kubeconfig=" + kubeconfig,
                "--secure-serving=false", "--grpc-port=0", "--grpc-health-port=0", "--metrics-port=0",
                "--bind-address=127.0.0.1")) {
            assertEquals(ServingStatus.NOT_SERVING, readiness(picker));
            try (FakeKubernetesApi api = new FakeKubernetesApi(port)) {
                api.apply(POOLS.formatted(NS), pool(NS, "qwen", VLLM, 8000));
                api.apply(PODS.formatted(NS), pod(NS, "a", VLLM, "10.1.0.1", true));
                Poll.until("discovery retried and synced", java.time.Duration.ofSeconds(30),
                        () -> picker.registry().hostPorts().equals(Set.of("10.1.0.1:8000")));
                assertEquals(ServingStatus.SERVING, readiness(picker));
            }
        }
    }

    private static final String CURRENT = "x-llm-d-inference-objective";
    private static final String LEGACY = "x-gateway-inference-objective";

    /** 200 when routed, else the immediate response status. */
    private static int status(ManagedChannel channel, Map<String, String> objectiveHeaders) {
        ProcessingResponse r = answer(channel, objectiveHeaders);
        return r.hasImmediateResponse() ? r.getImmediateResponse().getStatus().getCodeValue() : 200;
    }

    private static ImmediateResponse immediate(ManagedChannel channel, Map<String, String> objectiveHeaders) {
        ProcessingResponse r = answer(channel, objectiveHeaders);
        assertTrue(r.hasImmediateResponse(), r.toString());
        return r.getImmediateResponse();
    }

    private static ProcessingResponse answer(ManagedChannel channel, Map<String, String> objectiveHeaders) {
        ByteString json = ExtProcCall.completionBody("m", "hi");
        Map<String, String> headers = new HashMap<>(ExtProcCall.postHeaders(json.size()));
        headers.putAll(objectiveHeaders);
        try (ExtProcCall call = new ExtProcCall(channel)) {
            call.send(ExtProcCall.headers(headers, false, null)).send(ExtProcCall.body(json, true));
            return call.next();
        }
    }

    private static RunningPicker start(FakeKubernetesApi api, Path dir, String poolName) throws Exception {
        return Main.start("--pool-name=" + poolName, "--pool-namespace=" + NS,
                "--kubeconfig=" + api.writeKubeconfig(dir), "--secure-serving=false", "--grpc-port=0",
                "--grpc-health-port=0", "--metrics-port=0", "--bind-address=127.0.0.1",
                "--refresh-metrics-interval=20ms");
    }

    private static ServingStatus readiness(RunningPicker picker) throws InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", picker.healthPort()).usePlaintext().build();
        try {
            return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.newBuilder().setService("readiness").build()).getStatus();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
