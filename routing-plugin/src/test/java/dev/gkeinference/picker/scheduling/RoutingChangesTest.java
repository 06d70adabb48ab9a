package dev.gkeinference.picker.scheduling;

import dev.gkeinference.picker.config.PickerConfig;
import dev.gkeinference.picker.endpoint.Endpoint;
import dev.gkeinference.picker.request.InferenceRequest;
import dev.gkeinference.picker.scheduling.candidates.SubsetHint;
import dev.gkeinference.picker.state.BlockLru;
import dev.gkeinference.picker.response.CachedTokensFeedback;
import dev.gkeinference.picker.state.TtftFit;
import dev.gkeinference.picker.state.EndpointRegistry;
import dev.gkeinference.picker.state.EndpointState;
import dev.gkeinference.picker.state.ModelServerMetrics;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The routing changes of issue 11: prefill-token load (3a), the prefix index corrected by reported cached tokens
 * (3b), and the predicted-TTFT score (3d), through the scheduler as the protocol drives it.
 */
class RoutingChangesTest {
    private static final int BLOCK = 16;
    private static final int BYTES_PER_BLOCK = BLOCK * 4;

    private static EndpointRegistry pool(int n) {
        EndpointRegistry registry = new EndpointRegistry(100_000);
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            endpoints.add(new Endpoint("10.0.0." + (i + 1), 8000));
        }
        registry.replaceAll(endpoints);
        for (EndpointState e : registry.endpoints()) {
            e.updateMetrics(new ModelServerMetrics(0, 0, 0, null, BLOCK, 100_000), System.nanoTime());
        }
        return registry;
    }

    private static PickerConfig config(PickerConfig.Weights weights, boolean correctFromUsage) {
        PickerConfig d = PickerConfig.tunedDefaults();
        PickerConfig.Prefix p = d.prefix();
        return new PickerConfig(weights, new PickerConfig.Picker(1), new PickerConfig.Queue(false),
                new PickerConfig.Prefix(p.autoTune(), p.blockSizeTokens(), p.bytesPerToken(), p.maxPrefixBlocks(),
                        p.lruCapacityPerServer(), correctFromUsage),
                new PickerConfig.Saturation(5, 0.95, false), d.request());
    }

    /** A prompt of {@code blocks} full blocks of random letters. */
    private static String text(Random random, int blocks) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < blocks * BYTES_PER_BLOCK; i++) {
            b.append((char) ('a' + random.nextInt(26)));
        }
        return b.toString();
    }

    private static InferenceRequest request(String prompt) {
        return new InferenceRequest("m", prompt.getBytes(StandardCharsets.UTF_8));
    }

    private static Decision.Picked schedule(Scheduler s, String prompt) {
        return (Decision.Picked) s.schedule(request(prompt), SubsetHint.NONE, 0);
    }

    @Test
    void prefillLoadCountsUncachedTokensUntilTheFirstTokenArrives() {
        EndpointRegistry r = pool(2);
        Scheduler s = new Scheduler(r, config(new PickerConfig.Weights(0, 0, 2, 0, 1, 0), false),
                Duration.ofSeconds(2));
        Random random = new Random(1);
        String shared = text(random, 100);
        Decision.Picked cold = schedule(s, shared + text(random, 10));
        EndpointState a = cold.primary();
        assertEquals(110 * BLOCK, a.timing().prefillTokensInFlight());
        // The same prefix again: the holder scores prefix 0.91 (x2) but load 0 (it carries 1,760 prefill tokens),
        // the other 0 and 1: the cached request goes to the holder and adds only its 10 uncached blocks.
        Decision.Picked warm = schedule(s, shared + text(random, 10));
        assertEquals(a, warm.primary());
        assertEquals(10 * BLOCK, warm.dispatch().uncachedTokens());
        assertEquals(120 * BLOCK, a.timing().prefillTokensInFlight());
        // An unrelated prompt avoids the endpoint with prefill in flight.
        Decision.Picked other = schedule(s, text(random, 50));
        assertNotEquals(a, other.primary());
        cold.dispatch().firstToken(System.nanoTime());
        warm.dispatch().firstToken(System.nanoTime());
        warm.dispatch().ended(); // a second release of the same request changes nothing
        assertEquals(0, a.timing().prefillTokensInFlight());
        other.dispatch().ended();
        assertEquals(0, other.primary().timing().prefillTokensInFlight());
    }

    @Test
    void requestCountsWouldHaveTreatedACachedAndAColdRequestAlike() {
        EndpointRegistry r = pool(2);
        Scheduler s = new Scheduler(r, config(new PickerConfig.Weights(0, 0, 0, 0, 1, 0), false),
                Duration.ofSeconds(2));
        Random random = new Random(2);
        Decision.Picked big = schedule(s, text(random, 400));
        Decision.Picked small = schedule(s, text(random, 2));
        assertNotEquals(big.primary(), small.primary());
        // Each endpoint has one request in flight, but 6,400 against 32 prefill tokens: the next goes to the small one.
        assertEquals(small.primary(), schedule(s, text(random, 3)).primary());
    }

    @Test
    void reportedMissesCapThePrefixIndexAndReportedHitsLoosenTheCap() {
        EndpointRegistry r = pool(1);
        EndpointState e = r.endpoints().get(0);
        Scheduler s = new Scheduler(r, config(new PickerConfig.Weights(0, 0, 1, 0), true), Duration.ofSeconds(2));
        Random random = new Random(3);
        String first = text(random, 40);
        schedule(s, first).dispatch().ended();
        for (int i = 0; i < 60; i++) {
            schedule(s, text(random, 40)).dispatch().ended(); // 2,400 newer blocks
        }
        Decision.Picked again = schedule(s, first);
        // The index still held all 40 blocks, but the server says it kept none of them: it keeps fewer than the
        // 2,400 blocks routed since, so the index is capped there and forgets the oldest prompts.
        again.dispatch().cachedTokensReported(0);
        int cap = e.prefixBlocks().limit();
        assertTrue(cap >= 2400 && cap <= 2500, "cap " + cap);
        assertTrue(e.prefixBlocks().size() <= cap);
        assertEquals(cap, e.prefixBlocks().capacity());
        // A later scrape reporting num_gpu_blocks keeps the cap.
        e.prefixBlocks().resize(100_000);
        assertEquals(cap, e.prefixBlocks().capacity());
        // A server that had more cached than the capped index predicted loosens the cap by the difference.
        String second = text(random, 40);
        Decision.Picked cold = schedule(s, second + text(random, 1));
        cold.dispatch().cachedTokensReported(40 * BLOCK); // the index predicted 0 leading blocks
        assertEquals(cap + 40, e.prefixBlocks().limit());
    }

    @Test
    void feedbackNeverCapsBelowOneLongPrompt() {
        BlockLru lru = new BlockLru(10_000);
        long[] hashes = new long[20];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = 1000 + i;
        }
        lru.add(hashes, hashes.length);
        long[] stamps = new long[hashes.length];
        for (int i = 0; i < hashes.length; i++) {
            stamps[i] = lru.stamp(hashes[i]);
        }
        CachedTokensFeedback.apply(lru, 20, stamps, lru.clock(), 5 * BLOCK, BLOCK);
        assertEquals(512, lru.limit());
        CachedTokensFeedback.apply(lru, 20, stamps, lru.clock(), 20 * BLOCK, BLOCK); // as predicted: no change
        assertEquals(512, lru.limit());
    }

    @Test
    void ttftFitLearnsBaseAndPerTokenCost() {
        TtftFit fit = new TtftFit();
        assertTrue(Double.isNaN(fit.predict(1000)));
        for (int i = 0; i < 40; i++) {
            double tokens = 500 + 250 * (i % 9);
            fit.observe(tokens, 0.015 + 0.00004 * tokens);
        }
        assertEquals(0.015 + 0.00004 * 7000, fit.predict(7000), 1e-6);
    }

    @Test
    void predictedTtftSpreadsAHotPrefixOnceItsQueueCostsMoreThanRecomputingIt() {
        EndpointRegistry r = pool(2);
        Scheduler s = new Scheduler(r, config(new PickerConfig.Weights(0, 0, 0, 0, 0, 1), false),
                Duration.ofSeconds(2));
        for (EndpointState e : r.endpoints()) {
            for (int i = 0; i < 20; i++) { // both servers: 15 ms + 0.04 ms per token ahead
                double tokens = 100 + 400 * i;
                e.timing().fit().observe(tokens, 0.015 + 0.00004 * tokens);
            }
        }
        Random random = new Random(4);
        String hot = text(random, 400); // 6,400 tokens of shared context
        Decision.Picked first = schedule(s, hot + text(random, 50));
        first.dispatch().ended();
        EndpointState holder = first.primary();
        // Cached: 800 uncached tokens on the holder beat 7,200 on the other server.
        List<Decision.Picked> onHolder = new ArrayList<>();
        Decision.Picked next = schedule(s, hot + text(random, 50));
        while (next.primary() == holder) {
            onHolder.add(next);
            next = schedule(s, hot + text(random, 50));
        }
        // Requests pile up on the holder (800 prefill tokens each, never finishing here) until the work ahead there
        // exceeds recomputing the whole prompt elsewhere: then the prefix spreads to the second server.
        assertTrue(onHolder.size() >= 7 && onHolder.size() <= 9, "stayed " + onHolder.size());
        assertEquals(7200, next.dispatch().uncachedTokens());
    }
}
