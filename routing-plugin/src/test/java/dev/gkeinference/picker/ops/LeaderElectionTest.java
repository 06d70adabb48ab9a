package dev.gkeinference.picker.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gkeinference.picker.Main;
import dev.gkeinference.picker.RunningPicker;
import dev.gkeinference.picker.testing.FakeKubernetesApi;
import dev.gkeinference.picker.testing.Poll;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.gkeinference.picker.testing.FakeKubernetesApi.LEASES;
import static dev.gkeinference.picker.testing.FakeKubernetesApi.PODS;
import static dev.gkeinference.picker.testing.FakeKubernetesApi.POOLS;
import static dev.gkeinference.picker.testing.FakeKubernetesApi.pod;
import static dev.gkeinference.picker.testing.FakeKubernetesApi.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two replicas with --ha-enable-leader-election against a loopback HTTP server speaking the Kubernetes API. */
class LeaderElectionTest {

    static final String LEASE = "epp-ns-p.llm-d.ai";

    @Test
    void exactlyOneReplicaIsReadyAndAStandbyTakesOverWhenTheLeaderStops(@TempDir Path dir) throws Exception {
        try (FakeKubernetesApi api = new FakeKubernetesApi()) {
            api.apply(POOLS.formatted("ns"), pool("ns", "p", Map.of("app", "vllm"), 8000));
            api.apply(PODS.formatted("ns"), pod("ns", "a", Map.of("app", "vllm"), "10.1.0.1", true));
            Path kubeconfig = api.writeKubeconfig(dir);
            RunningPicker first = start(kubeconfig);
            RunningPicker second = start(kubeconfig);
            try {
                Poll.until("one leader", Duration.ofSeconds(30), () -> first.ready() || second.ready());
                Thread.sleep(Leadership.RETRY_PERIOD.toMillis() * 2); // both have tried at least twice since
                assertNotEquals(first.ready(), second.ready(), "exactly one replica is ready");
                RunningPicker leader = first.ready() ? first : second;
                RunningPicker standby = leader == first ? second : first;
                assertEquals(ServingStatus.SERVING, readiness(leader));
                assertEquals(ServingStatus.NOT_SERVING, readiness(standby));
                assertEquals(ServingStatus.SERVING, liveness(standby), "a standby is alive, just not ready");
                assertEquals(ServingStatus.SERVING, health(standby, "synced"), "and could take over at once");
                assertEquals(ServingStatus.NOT_SERVING, health(standby, ""), "the gateway's check picks the leader");
                String holder = holder(api);
                assertTrue(!holder.isEmpty(), "the Lease names its holder");

                long stopped = System.nanoTime();
                leader.close(); // releases the Lease
                Poll.until("standby takes over", Duration.ofSeconds(20), standby::ready);
                long takeoverMillis = (System.nanoTime() - stopped) / 1_000_000;
                assertNotEquals(holder, holder(api));
                assertTrue(takeoverMillis < Leadership.LEASE_DURATION.toMillis(),
                        "a released Lease is taken within a retry period, not after it expires: " + takeoverMillis);
                System.out.println("leader election: graceful handover took " + takeoverMillis + " ms");
            } finally {
                first.close();
                second.close();
            }
        }
    }

    private static String holder(FakeKubernetesApi api) {
        ObjectNode lease = api.get(LEASES.formatted("ns"), LEASE);
        return lease == null ? "" : lease.path("spec").path("holderIdentity").asText("");
    }

    private static RunningPicker start(Path kubeconfig) {
        return Main.start("--pool-name=p", "--pool-namespace=ns", "--kubeconfig=" + kubeconfig,
                "--ha-enable-leader-election", "--metrics-endpoint-auth=false", "--secure-serving=false",
                "--grpc-port=0", "--grpc-health-port=0", "--metrics-port=0", "--bind-address=127.0.0.1");
    }

    static ServingStatus readiness(RunningPicker picker) throws InterruptedException {
        return health(picker, "readiness");
    }

    private static ServingStatus liveness(RunningPicker picker) throws InterruptedException {
        return health(picker, "liveness");
    }

    private static ServingStatus health(RunningPicker picker, String service) throws InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", picker.healthPort()).usePlaintext().build();
        try {
            return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
