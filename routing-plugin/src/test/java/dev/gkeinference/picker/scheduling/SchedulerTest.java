package dev.gkeinference.picker.scheduling;

import dev.gkeinference.picker.config.PickerConfig;
import dev.gkeinference.picker.endpoint.Endpoint;
import dev.gkeinference.picker.request.InferenceRequest;
import dev.gkeinference.picker.scheduling.candidates.SubsetHint;
import dev.gkeinference.picker.state.EndpointRegistry;
import dev.gkeinference.picker.state.EndpointState;
import dev.gkeinference.picker.state.ModelServerMetrics;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchedulerTest {

    private static final PickerConfig UPSTREAM = PickerConfig.upstreamDefaults();

    private static EndpointRegistry pool(int n) {
        EndpointRegistry registry = new EndpointRegistry(1000);
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            endpoints.add(new Endpoint("10.0.0." + (i + 1), 8000));
        }
        registry.replaceAll(endpoints);
        for (EndpointState e : registry.endpoints()) {
            e.updateMetrics(new ModelServerMetrics(0, 0, 0, null, 16, 1000), System.nanoTime());
        }
        return registry;
    }

    private static void set(EndpointRegistry r, int index, double waiting, double kv) {
        r.endpoints().get(index).updateMetrics(new ModelServerMetrics(waiting, 0, kv, null, 16, 1000), System.nanoTime());
    }

    private static InferenceRequest request(String prompt) {
        return new InferenceRequest("m", prompt.getBytes(StandardCharsets.UTF_8));
    }

    private static String pick(Scheduler s, InferenceRequest r) {
        return ((Decision.Picked) s.schedule(r, SubsetHint.NONE, 0)).primary().hostPort();
    }

    @Test
    void shortestQueueWins() {
        EndpointRegistry r = pool(3);
        set(r, 0, 10, 0.1);
        set(r, 1, 2, 0.1);
        set(r, 2, 7, 0.1);
        Scheduler s = new Scheduler(r, UPSTREAM, Duration.ofSeconds(2));
        assertEquals("10.0.0.2:8000", pick(s, request("short")));
    }

    @Test
    void lowerKvCacheUseWinsWhenQueuesAreEqual() {
        EndpointRegistry r = pool(3);
        set(r, 0, 1, 0.9);
        set(r, 1, 1, 0.5);
        set(r, 2, 1, 0.2);
        Scheduler s = new Scheduler(r, UPSTREAM, Duration.ofSeconds(2));
        assertEquals("10.0.0.3:8000", pick(s, request("short")));
    }

    @Test
    void samePromptPrefixReturnsToTheEndpointThatCachedIt() {
        EndpointRegistry r = pool(8);
        Scheduler s = new Scheduler(r, UPSTREAM, Duration.ofSeconds(2));
        String shared = "system: you are a helpful assistant. ".repeat(40); // ~1.5 KB ⇒ 23 blocks of 64 bytes
        String first = pick(s, request(shared + "question one"));
        for (int i = 0; i < 20; i++) {
            assertEquals(first, pick(s, request(shared + "question " + i)));
        }
    }

    @Test
    void prefixAffinityYieldsToAMuchShorterQueue() {
        EndpointRegistry r = pool(2);
        Scheduler s = new Scheduler(r, UPSTREAM, Duration.ofSeconds(2));
        String shared = "x".repeat(2048);
        String first = pick(s, request(shared));
        int firstIndex = first.equals("10.0.0.1:8000") ? 0 : 1;
        set(r, firstIndex, 50, 0.95);
        set(r, 1 - firstIndex, 0, 0.0);
        // prefix 3 < queue 2 + kv 2 (≈1.9): load wins over affinity
        assertEquals(r.endpoints().get(1 - firstIndex).hostPort(), pick(s, request(shared)));
    }

    @Test
    void tiesAreBrokenAtRandom() {
        EndpointRegistry r = pool(4);
        PickerConfig noPrefix = new PickerConfig(new PickerConfig.Weights(2, 2, 0, 0), UPSTREAM.picker(),
                UPSTREAM.queue(), UPSTREAM.prefix(), UPSTREAM.saturation(), UPSTREAM.request());
        Scheduler s = new Scheduler(r, noPrefix, Duration.ofSeconds(2));
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            counts.merge(pick(s, request("same")), 1, Integer::sum);
        }
        assertEquals(4, counts.size(), counts.toString());
        counts.values().forEach(c -> assertTrue(c > 50, counts.toString()));
    }

    @Test
    void fallbacksAreTheNextBestDistinctEndpoints() {
        EndpointRegistry r = pool(4);
        set(r, 0, 9, 0);
        set(r, 1, 0, 0);
        set(r, 2, 3, 0);
        set(r, 3, 6, 0);
        PickerConfig three = new PickerConfig(new PickerConfig.Weights(1, 0, 0, 0), new PickerConfig.Picker(3),
                UPSTREAM.queue(), UPSTREAM.prefix(), UPSTREAM.saturation(), UPSTREAM.request());
        Decision.Picked picked = (Decision.Picked) new Scheduler(r, three, Duration.ofSeconds(2))
                .schedule(request("q"), SubsetHint.NONE, 0);
        assertEquals("10.0.0.2:8000,10.0.0.3:8000,10.0.0.4:8000", picked.destinationValue());
    }

    @Test
    void staleEndpointsAreIneligible() {
        EndpointRegistry r = pool(2);
        r.endpoints().get(0).updateMetrics(ModelServerMetrics.EMPTY, System.nanoTime() - Duration.ofSeconds(5).toNanos());
        Scheduler s = new Scheduler(r, UPSTREAM, Duration.ofSeconds(2));
        for (int i = 0; i < 20; i++) {
            assertEquals("10.0.0.2:8000", pick(s, request("q" + i)));
        }
    }

    @Test
    void withNoFreshEndpointEveryRequestIsRoutedOnInFlightRequestsAndThePrefixIndex() {
        EndpointRegistry r = pool(2);
        long stale = System.nanoTime() - Duration.ofSeconds(5).toNanos();
        for (EndpointState e : r.endpoints()) {
            e.updateMetrics(new ModelServerMetrics(50, 0, 0.99, null, 16, 1000), stale);
        }
        Scheduler s = new Scheduler(r, PickerConfig.tunedDefaults(), Duration.ofSeconds(2));
        String shared = "z".repeat(4096);
        Decision.Picked first = (Decision.Picked) s.schedule(request(shared + "a"), SubsetHint.NONE, -1);
        assertTrue(first.degraded());
        assertTrue(s.degraded());
        // `first` still has the request in flight: an unrelated prompt goes to the other endpoint.
        String other = pick(s, request("q".repeat(4096)));
        assertTrue(!other.equals(first.primary().hostPort()));
        first.primary().released();
        r.find(other).released();
        // Loads equal again: the shared prefix returns where the picker sent it.
        assertEquals(first.primary().hostPort(), pick(s, request(shared + "b")));
        set(r, 0, 0, 0.1);
        assertInstanceOf(Decision.Picked.class, s.schedule(request("q"), SubsetHint.NONE, 0));
        assertTrue(!s.degraded(), "one fresh endpoint ends the degraded mode");
    }

    @Test
    void sheddableRequestIs429OnlyWhenEveryCandidateIsSaturated() {
        EndpointRegistry r = pool(2);
        set(r, 0, 20, 0.5);
        set(r, 1, 1, 0.95);
        Scheduler s = new Scheduler(r, UPSTREAM, Duration.ofSeconds(2));
        Decision shed = s.schedule(request("q"), SubsetHint.NONE, -1);
        assertEquals(429, assertInstanceOf(Decision.Rejected.class, shed).httpStatus());
        assertInstanceOf(Decision.Picked.class, s.schedule(request("q"), SubsetHint.NONE, 0), "priority 0 is never shed");
        set(r, 1, 1, 0.2);
        assertInstanceOf(Decision.Picked.class, s.schedule(request("q"), SubsetHint.NONE, -1));
    }

    @Test
    void saturationFilterKeepsWorkOffSaturatedEndpointsButKeepsAllWhenAllAre() {
        EndpointRegistry r = pool(2);
        PickerConfig tuned = PickerConfig.tunedDefaults();
        Scheduler s = new Scheduler(r, tuned, Duration.ofSeconds(2));
        String shared = "y".repeat(4096);
        String first = pick(s, request(shared));
        int firstIndex = first.equals("10.0.0.1:8000") ? 0 : 1;
        set(r, firstIndex, 6, 0.1); // over the queue threshold 5
        set(r, 1 - firstIndex, 5, 0.1);
        assertEquals(r.endpoints().get(1 - firstIndex).hostPort(), pick(s, request(shared)));
        set(r, 1 - firstIndex, 9, 0.9);
        assertInstanceOf(Decision.Picked.class, s.schedule(request(shared), SubsetHint.NONE, 0));
    }

    @Test
    void dispatchedSinceScrapeSpreadsABurstBetweenScrapes() {
        EndpointRegistry r = pool(4);
        PickerConfig queueOnly = new PickerConfig(new PickerConfig.Weights(1, 0, 0, 0), new PickerConfig.Picker(1),
                new PickerConfig.Queue(true), UPSTREAM.prefix(), UPSTREAM.saturation(), UPSTREAM.request());
        Scheduler s = new Scheduler(r, queueOnly, Duration.ofSeconds(2));
        Set<String> burst = new java.util.HashSet<>();
        for (int i = 0; i < 4; i++) {
            burst.add(pick(s, request("b" + i)));
        }
        assertEquals(4, burst.size(), "each pick counts against its endpoint until the next scrape");
    }

    @Test
    void loraAffinityRoutesAnAdapterToWhereItIsLoaded() {
        EndpointRegistry r = pool(3);
        for (int i = 0; i < 3; i++) {
            Set<String> running = i == 2 ? Set.of("sql-lora") : Set.of("other");
            r.endpoints().get(i).updateMetrics(new ModelServerMetrics(0, 0, 0,
                    new ModelServerMetrics.LoraInfo(1, running, Set.of()), 16, 1000), System.nanoTime());
        }
        PickerConfig loraOnly = new PickerConfig(new PickerConfig.Weights(0, 0, 0, 1), UPSTREAM.picker(),
                UPSTREAM.queue(), UPSTREAM.prefix(), UPSTREAM.saturation(), UPSTREAM.request());
        Scheduler s = new Scheduler(r, loraOnly, Duration.ofSeconds(2));
        assertEquals("10.0.0.3:8000", ((Decision.Picked) s.schedule(new InferenceRequest("sql-lora", new byte[0]),
                SubsetHint.NONE, 0)).primary().hostPort());
    }

    @Test
    void emptyPoolIs503() {
        EndpointRegistry r = new EndpointRegistry(10);
        Decision d = new Scheduler(r, UPSTREAM, Duration.ofSeconds(2)).schedule(request("q"), SubsetHint.NONE, 0);
        assertEquals(503, assertInstanceOf(Decision.Rejected.class, d).httpStatus());
    }
}
