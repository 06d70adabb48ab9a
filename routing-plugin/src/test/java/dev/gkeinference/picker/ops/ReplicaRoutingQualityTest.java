package dev.gkeinference.picker.ops;

import com.google.protobuf.ByteString;
import dev.gkeinference.picker.Main;
import dev.gkeinference.picker.RunningPicker;
import dev.gkeinference.picker.testing.ExtProcCall;
import dev.gkeinference.picker.testing.FakeKubernetesApi;
import dev.gkeinference.picker.testing.FakeModelServer;
import dev.gkeinference.picker.testing.Poll;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static dev.gkeinference.picker.testing.FakeKubernetesApi.PODS;
import static dev.gkeinference.picker.testing.FakeKubernetesApi.POOLS;
import static dev.gkeinference.picker.testing.FakeKubernetesApi.pod;
import static dev.gkeinference.picker.testing.FakeKubernetesApi.pool;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Routing quality with two picker replicas against one, over real gRPC: a shared-prefix workload (18 prompt groups
 * whose prefixes fill 3/4 of four servers' caches) and a cache model of the servers (an LRU of 6 prefixes each).
 * One replica sees every request; two active-passive replicas (Lease) send everything through the leader; two
 * active-active replicas each see half the requests and place the same prefix independently. Prints the figures;
 * asserts that active-passive routes like one replica and that active-active duplicates prefixes.
 */
class ReplicaRoutingQualityTest {

    private static final int SERVERS = 4;
    private static final int GROUPS = 18;
    private static final int CACHED_PREFIXES_PER_SERVER = 6;
    private static final int REQUESTS = 360;
    private static final String POOL_LABEL = "app";

    private static FakeKubernetesApi api;
    private static final List<FakeModelServer> servers = new ArrayList<>();
    private static Path kubeconfig;

    @BeforeAll
    static void startPool(@TempDir Path dir) throws Exception {
        api = new FakeKubernetesApi();
        FakeModelServer first = new FakeModelServer("127.0.0.1", 0, 0, 0.1);
        servers.add(first);
        for (int i = 2; i <= SERVERS; i++) {
            servers.add(new FakeModelServer("127.0.0." + i, first.port(), 0, 0.1));
        }
        // The servers' KV caches hold 6 prompts of ~100 blocks each: the picker sizes its prefix LRU from this.
        for (FakeModelServer s : servers) {
            s.setMetricsText(FakeModelServer.vllmMetrics(0, 0.1).replace("num_gpu_blocks=\"1024\"",
                    "num_gpu_blocks=\"" + CACHED_PREFIXES_PER_SERVER * 100 + "\""));
        }
        api.apply(POOLS.formatted("ns"), pool("ns", "p", Map.of(POOL_LABEL, "vllm"), first.port()));
        for (int i = 1; i <= SERVERS; i++) {
            api.apply(PODS.formatted("ns"), pod("ns", "vllm-" + i, Map.of(POOL_LABEL, "vllm"), "127.0.0." + i, true));
        }
        kubeconfig = api.writeKubeconfig(dir);
    }

    @AfterAll
    static void stopPool() {
        servers.forEach(FakeModelServer::close);
        api.close();
    }

    @Test
    void activePassiveRoutesLikeOneReplicaAndActiveActiveDuplicatesPrefixes() throws Exception {
        Result one;
        try (Replicas r = new Replicas(1, false)) {
            one = run(r, i -> r.channel(0), false);
        }
        Result activePassive;
        try (Replicas r = new Replicas(2, true)) {
            Poll.until("a leader", Duration.ofSeconds(30), () -> r.picker(0).ready() || r.picker(1).ready());
            activePassive = run(r, i -> r.channel(r.picker(0).ready() ? 0 : 1), true);
        }
        Result activeActive;
        Random split = new Random(7);
        try (Replicas r = new Replicas(2, false)) {
            activeActive = run(r, i -> r.channel(split.nextInt(2)), false);
        }
        System.out.printf("| replicas | hit rate, requests 1-%d | servers per prefix | hit rate, next %d |%n", HALF,
                AFTER_LOSS);
        print("1", one, "");
        print("2, active-passive (Lease)", activePassive, " after the leader stopped; standby ready after "
                + activePassive.takeoverMillis() + " ms");
        print("2, active-active", activeActive, "");
        assertTrue(activePassive.hitRate() >= one.hitRate() - 0.05,
                "active-passive routes like one replica: " + activePassive + " vs " + one);
        assertTrue(activeActive.serversPerPrefix() > one.serversPerPrefix() + 0.2,
                "each active replica places prefixes on its own: " + activeActive + " vs " + one);
    }

    private static final int HALF = REQUESTS / 2;
    private static final int AFTER_LOSS = 60;

    /**
     * The workload through the replicas: {@code route} chooses the replica of request i, as the gateway would.
     * Figures are taken over the first half; with {@code loseLeader}, the leader is then stopped and the next
     * {@value #AFTER_LOSS} requests show what that cost.
     */
    private static Result run(Replicas replicas, IntFunction<ManagedChannel> route, boolean loseLeader)
            throws Exception {
        Random random = new Random(42);
        Map<String, LinkedHashSet<Integer>> caches = new HashMap<>();
        Map<Integer, Set<String>> placements = new HashMap<>();
        int hits = 0;
        int hitsBefore = 0;
        int hitsAfter = 0;
        long takeover = -1;
        double serversPerPrefixBefore = 0;
        for (int i = 0; i < REQUESTS; i++) {
            if (i == HALF) {
                hitsBefore = hits;
                serversPerPrefixBefore = serversPerPrefix(placements);
                if (loseLeader) {
                    takeover = replicas.loseLeader();
                }
            }
            int group = random.nextInt(GROUPS);
            String endpoint = routeOne(route.apply(i), group, i);
            placements.computeIfAbsent(group, g -> new HashSet<>()).add(endpoint);
            boolean hit = touch(caches.computeIfAbsent(endpoint, e -> new LinkedHashSet<>()), group);
            hits += hit ? 1 : 0;
            if (i >= HALF && i < HALF + AFTER_LOSS && hit) {
                hitsAfter++;
            }
        }
        return new Result((double) hitsBefore / HALF, serversPerPrefixBefore, (double) hitsAfter / AFTER_LOSS, takeover);
    }

    private static void print(String replicas, Result r, String note) {
        System.out.printf("| %s | %.1f%% | %.2f | %.1f%%%s |%n", replicas, r.hitRate() * 100, r.serversPerPrefix(),
                r.hitRateAfterLoss() * 100, note);
    }

    private static double serversPerPrefix(Map<Integer, Set<String>> placements) {
        return placements.values().stream().mapToInt(Set::size).average().orElse(0);
    }

    /** The server's prefix cache: true when it still held the group's prefix; then it holds it as most recent. */
    private static boolean touch(LinkedHashSet<Integer> cache, int group) {
        boolean hit = cache.remove(group);
        cache.add(group);
        if (cache.size() > CACHED_PREFIXES_PER_SERVER) {
            cache.remove(cache.iterator().next());
        }
        return hit;
    }

    /** One full exchange: routed, response streamed back and ended; returns the primary endpoint. */
    private static String routeOne(ManagedChannel channel, int group, int request) {
        String prefix = ("Context of customer " + group + ": account history, contracts, open tickets. ").repeat(80);
        ByteString json = ExtProcCall.completionBody("m", prefix + " Question " + request + "?");
        try (ExtProcCall call = new ExtProcCall(channel)) {
            call.send(ExtProcCall.headers(ExtProcCall.postHeaders(json.size()), false, null))
                    .send(ExtProcCall.body(json, true));
            String endpoint = call.next().getRequestHeaders().getResponse().getHeaderMutation().getSetHeadersList()
                    .stream().filter(h -> h.getHeader().getKey().equals("x-gateway-destination-endpoint"))
                    .findFirst().orElseThrow().getHeader().getRawValue().toStringUtf8();
            call.next();
            call.send(ExtProcCall.responseHeaders(endpoint));
            call.next();
            call.send(ExtProcCall.responseBody("data: [DONE]\n\n", true));
            call.next();
            call.halfClose();
            Poll.until("exchange done", call::completed);
            return endpoint;
        }
    }

    /** Hit rate and servers per prefix over the first half; hit rate over the requests after it (leader lost). */
    private record Result(double hitRate, double serversPerPrefix, double hitRateAfterLoss, long takeoverMillis) {
    }

    /** Picker replicas of the pool, each with a channel as the gateway would hold. */
    private static final class Replicas implements AutoCloseable {
        private final List<RunningPicker> pickers = new ArrayList<>();
        private final List<ManagedChannel> channels = new ArrayList<>();

        Replicas(int count, boolean leaderElection) {
            for (int i = 0; i < count; i++) {
                List<String> args = new ArrayList<>(List.of("--pool-name=p", "--pool-namespace=ns",
                        "--kubeconfig=" + kubeconfig, "--metrics-endpoint-auth=false", "--secure-serving=false",
                        "--grpc-port=0", "--grpc-health-port=0", "--metrics-port=0", "--bind-address=127.0.0.1",
                        "--refresh-metrics-interval=20ms"));
                if (leaderElection) {
                    args.add("--ha-enable-leader-election");
                }
                RunningPicker picker = Main.start(args.toArray(String[]::new));
                pickers.add(picker);
                channels.add(NettyChannelBuilder.forAddress("127.0.0.1", picker.grpcPort()).usePlaintext().build());
            }
            for (RunningPicker p : pickers) {
                Poll.until("pool seen and scraped", Duration.ofSeconds(30), () -> p.registry().endpoints().size() == SERVERS
                        && p.registry().endpoints().stream().allMatch(e -> e.isFresh(System.nanoTime(), 2_000_000_000L)));
            }
        }

        RunningPicker picker(int i) {
            return pickers.get(i);
        }

        ManagedChannel channel(int i) {
            return channels.get(i);
        }

        /** Stops the leader; returns how long until the standby reports ready. */
        long loseLeader() {
            RunningPicker leader = pickers.get(0).ready() ? pickers.get(0) : pickers.get(1);
            RunningPicker standby = leader == pickers.get(0) ? pickers.get(1) : pickers.get(0);
            long stopped = System.nanoTime();
            leader.close();
            Poll.until("standby takes over", Duration.ofSeconds(30), standby::ready);
            return (System.nanoTime() - stopped) / 1_000_000;
        }

        @Override
        public void close() throws InterruptedException {
            for (ManagedChannel c : channels) {
                c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            pickers.forEach(RunningPicker::close);
        }
    }
}
