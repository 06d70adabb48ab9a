package dev.gkeinference.picker.ops;

import dev.gkeinference.picker.Main;
import dev.gkeinference.picker.RunningPicker;
import dev.gkeinference.picker.testing.FakeKubernetesApi;
import dev.gkeinference.picker.testing.FakeModelServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static dev.gkeinference.picker.testing.FakeKubernetesApi.PODS;
import static dev.gkeinference.picker.testing.FakeKubernetesApi.POOLS;
import static dev.gkeinference.picker.testing.FakeKubernetesApi.pod;
import static dev.gkeinference.picker.testing.FakeKubernetesApi.pool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The picker's /metrics is protected by default, checked with TokenReview and SubjectAccessReview against a
 * loopback HTTP server speaking the Kubernetes API.
 */
class MetricsAuthTest {

    private static final String COLLECTOR = "system:serviceaccount:gmp-system:collector";

    @Test
    void onlyATokenWhoseUserMayGetMetricsReadsThem(@TempDir Path dir) throws Exception {
        try (FakeKubernetesApi api = new FakeKubernetesApi()) {
            api.apply(POOLS.formatted("ns"), pool("ns", "p", Map.of("app", "vllm"), 8000));
            api.apply(PODS.formatted("ns"), pod("ns", "a", Map.of("app", "vllm"), "10.1.0.1", true));
            api.authenticateAndAuthorize(Map.of("collector-token", COLLECTOR, "alice-token", "alice"), Set.of(COLLECTOR));
            try (RunningPicker picker = Main.start("--pool-name=p", "--pool-namespace=ns",
                    "--kubeconfig=" + api.writeKubeconfig(dir), "--secure-serving=false", "--grpc-port=0",
                    "--grpc-health-port=0", "--metrics-port=0", "--bind-address=127.0.0.1")) {
                assertEquals(401, scrape(picker, null).statusCode());
                assertEquals(401, scrape(picker, "Bearer not-a-token").statusCode());
                assertEquals(401, scrape(picker, "Basic Zm9vOmJhcg==").statusCode());
                HttpResponse<String> forbidden = scrape(picker, "Bearer alice-token");
                assertEquals(403, forbidden.statusCode());
                assertTrue(forbidden.body().contains("alice may not get /metrics"), forbidden.body());
                HttpResponse<String> allowed = scrape(picker, "Bearer collector-token");
                assertEquals(200, allowed.statusCode());
                assertTrue(allowed.body().contains("inference_pool_ready_pods"), allowed.body());

                long reviews = reviewCount(api);
                assertEquals(200, scrape(picker, "bearer collector-token").statusCode());
                assertEquals(reviews, reviewCount(api), "a recent decision is reused, not asked again");
            }
        }
    }

    @Test
    void turnedOffAnyoneReadsThem() throws Exception {
        try (FakeModelServer server = new FakeModelServer(0, 0);
             RunningPicker picker = Main.start("--static-endpoints=" + server.hostPort(), "--secure-serving=false",
                     "--metrics-endpoint-auth=false", "--grpc-port=0", "--grpc-health-port=0", "--metrics-port=0",
                     "--bind-address=127.0.0.1")) {
            assertEquals(200, scrape(picker, null).statusCode());
        }
    }

    private static long reviewCount(FakeKubernetesApi api) {
        return api.requests().stream().filter(r -> r.contains("tokenreviews") || r.contains("subjectaccessreviews"))
                .count();
    }

    private static HttpResponse<String> scrape(RunningPicker picker, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + picker.metricsPort() + "/metrics"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
