package dev.gkeinference.bench.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator over real HTTP, at a time scale fast enough for a unit test but slow enough to measure. */
class SimServerTest {
    private static final double SCALE = 1.0;
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<SimServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(SimServer::close);
    }

    private SimServer start(SimProfile p) throws Exception {
        SimServer s = SimServer.start(p.withJitter(0).withTimeScale(SCALE), "t", 1, 0);
        servers.add(s);
        return s;
    }

    private static String words(String w, int tokens) {
        return (w + " ").repeat(tokens);
    }

    private HttpResponse<String> post(SimServer s, String path, String json) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://" + s.endpoint() + path))
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Real milliseconds until the first SSE event of a streamed completion. */
    private double streamedTtftMs(SimServer s, String prompt, int maxTokens) throws Exception {
        long start = System.nanoTime();
        HttpResponse<java.io.InputStream> r = client.send(HttpRequest.newBuilder(
                        URI.create("http://" + s.endpoint() + "/v1/completions"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"" + prompt + "\",\"max_tokens\":" + maxTokens
                        + ",\"stream\":true}")).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (var in = r.body()) {
            int first = in.read();
            double ttft = (System.nanoTime() - start) / 1e6;
            assertTrue(first >= 0);
            String rest = new String(in.readAllBytes());
            assertTrue(rest.endsWith("data: [DONE]\n\n"), rest);
            assertEquals(maxTokens, rest.split("\"text\":").length - 1 + 0, "one event per token");
            return ttft;
        }
    }

    @Test
    void responsesReportTheCachedPromptTokensAsVllmDoes() throws Exception {
        SimServer s = start(SimProfile.defaultProfile());
        String shared = words("abc", 320); // 20 blocks of 16 tokens
        String first = post(s, "/v1/completions", "{\"prompt\":\"" + shared + words("one", 8)
                + "\",\"max_tokens\":1}").body();
        assertTrue(first.contains("\"prompt_tokens_details\":{\"cached_tokens\":0}"), first);
        String streamed = post(s, "/v1/completions", "{\"prompt\":\"" + shared + words("two", 8)
                + "\",\"max_tokens\":2,\"stream\":true,\"stream_options\":{\"include_usage\":true}}").body();
        assertTrue(streamed.contains("\"prompt_tokens\":328,") && streamed.contains("\"cached_tokens\":320}"),
                streamed);
    }

    @Test
    void ttftFollowsTheModelAndDropsOnAPrefixCacheHit() throws Exception {
        SimServer s = start(SimProfile.defaultProfile());
        streamedTtftMs(s, words("zzz", 16), 2); // warm up the HTTP stack and the JIT
        String shared = words("abc", 4000);
        double cold = streamedTtftMs(s, shared + words("q1x", 160), 2) / SCALE;
        double warm = streamedTtftMs(s, shared + words("q2x", 160), 2) / SCALE;
        double expectedCold = 15 + 0.042 * 4160;
        double expectedWarm = 15 + 0.042 * 160;
        // Never faster than the model; slower only by scheduling noise of a busy 2-core host.
        assertTrue(cold >= 0.97 * expectedCold && cold <= expectedCold + 120, "cold TTFT (simulated ms) " + cold);
        assertTrue(warm >= 0.97 * expectedWarm && warm <= expectedWarm + 120, "warm TTFT (simulated ms) " + warm);
        assertTrue(warm < cold / 2, "a prefix hit skips most of the prefill");
        EngineSnapshot snap = s.snapshot();
        assertEquals(16 + 2 * 4160, snap.prefixCacheQueriedTokens(), "the warm-up request counts too");
        assertEquals(4000, snap.prefixCacheHitTokens());
    }

    @Test
    void requestsBeyondMaxNumSeqsWaitInFifoOrder() throws Exception {
        SimProfile one = new SimProfile("m", 1, 8192, 1000, 16, 15, 0.042, 12, 2.0, 0, 1, 16, 1.0);
        SimServer s = start(one);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://" + s.endpoint() + "/v1/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"hi\",\"max_tokens\":50}")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        EngineSnapshot snap = s.snapshot();
        while ((snap.running() != 1 || snap.waiting() != 2) && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            snap = s.snapshot();
        }
        assertEquals(1, snap.running());
        assertEquals(2, snap.waiting());
        String metrics = client.send(HttpRequest.newBuilder(URI.create("http://" + s.endpoint() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("vllm:num_requests_waiting{model_name=\"m\"} 2.0"), metrics);
        assertTrue(metrics.contains("vllm:num_requests_running{model_name=\"m\"} 1.0"), metrics);
        for (var c : calls) {
            assertEquals(200, c.get().statusCode());
        }
    }

    @Test
    void metricsUseTheVllmNamesAndNonStreamingReturnsUsage() throws Exception {
        SimServer s = start(SimProfile.defaultProfile());
        HttpResponse<String> r = post(s, "/v1/chat/completions",
                "{\"model\":\"google/gemma-3-27b-it\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}],"
                        + "\"max_tokens\":3}");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"completion_tokens\":3"), r.body());
        assertTrue(r.body().contains("\"object\":\"chat.completion\""), r.body());
        assertEquals(400, post(s, "/v1/completions", "{\"prompt\":").statusCode());
        assertEquals(200, client.send(HttpRequest.newBuilder(URI.create("http://" + s.endpoint() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        String m = client.send(HttpRequest.newBuilder(URI.create("http://" + s.endpoint() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (String name : List.of("vllm:num_requests_waiting", "vllm:num_requests_running",
                "vllm:kv_cache_usage_perc", "vllm:prefix_cache_queries_total", "vllm:prefix_cache_hits_total")) {
            assertTrue(m.contains("# TYPE " + name + " "), name);
        }
        Matcher cfg = Pattern.compile("vllm:cache_config_info\\{block_size=\"16\",.*num_gpu_blocks=\"6900\"} 1.0")
                .matcher(m);
        assertTrue(cfg.find(), m);
        assertTrue(Pattern.compile("vllm:lora_requests_info\\{max_lora=\"1\",running_lora_adapters=\"\","
                + "waiting_lora_adapters=\"\"} \\d+").matcher(m).find(), m);
    }
}
