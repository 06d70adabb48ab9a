package dev.gkeinference.bench.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loopback Kubernetes API as an informer reads it: discovery, list, get, watch and watch-list. */
class KubernetesApiServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private KubernetesApiServer api;

    @BeforeEach
    void start() throws Exception {
        api = new KubernetesApiServer(List.of(PoolObjects.PODS, PoolObjects.POOLS, PoolObjects.OBJECTIVES));
        api.apply(PoolObjects.POOLS, PoolObjects.pool("bench", "sim-pool", 8000));
        api.apply(PoolObjects.PODS, PoolObjects.pod("bench", "sim-pool", "sim-0", "127.0.0.2"));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(api.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void discoveryListsTheGroupsAndResources() throws Exception {
        JsonNode groups = JSON.readTree(get("/apis").body());
        assertEquals("inference.networking.k8s.io", groups.at("/groups/0/name").asText());
        assertEquals("inference.networking.x-k8s.io/v1alpha2", groups.at("/groups/1/preferredVersion/groupVersion")
                .asText());
        JsonNode core = JSON.readTree(get("/api/v1").body());
        assertEquals("pods", core.at("/resources/0/name").asText());
        assertTrue(core.at("/resources/0/namespaced").asBoolean());
        assertEquals("[\"get\",\"list\",\"watch\"]", core.at("/resources/0/verbs").toString());
        assertEquals("v1", JSON.readTree(get("/api").body()).at("/versions/0").asText());
    }

    @Test
    void listCarriesTheResourceVersionAndFieldSelectorsFilter() throws Exception {
        JsonNode pools = JSON.readTree(get("/apis/inference.networking.k8s.io/v1/namespaces/bench/inferencepools"
                + "?fieldSelector=metadata.name%3Dsim-pool").body());
        assertEquals(1, pools.get("items").size());
        assertEquals(8000, pools.at("/items/0/spec/targetPorts/0/number").asInt());
        assertEquals("3", pools.at("/metadata/resourceVersion").asText());
        JsonNode none = JSON.readTree(get("/apis/inference.networking.k8s.io/v1/namespaces/bench/inferencepools"
                + "?fieldSelector=metadata.name%3Dother").body());
        assertEquals(0, none.get("items").size());
        JsonNode pod = JSON.readTree(get("/api/v1/namespaces/bench/pods/sim-0").body());
        assertEquals("127.0.0.2", pod.at("/status/podIP").asText());
        assertEquals("True", pod.at("/status/conditions/0/status").asText());
        assertEquals(404, get("/api/v1/namespaces/bench/pods/missing").statusCode());
        assertEquals(405, http.send(HttpRequest.newBuilder(URI.create(api.url() + "/api/v1/namespaces/bench/pods"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode());
        assertEquals(2, api.refusedRequests()); // the 404 and the 405
    }

    @Test
    void watchReplaysEventsAfterTheResourceVersionAndStreamsNewOnes() throws Exception {
        try (BufferedReader events = watch("/api/v1/namespaces/bench/pods?watch=true&resourceVersion=2")) {
            JsonNode first = JSON.readTree(events.readLine());
            assertEquals("ADDED", first.get("type").asText());
            assertEquals("sim-0", first.at("/object/metadata/name").asText());
            api.apply(PoolObjects.PODS, PoolObjects.pod("bench", "sim-pool", "sim-1", "127.0.0.3"));
            JsonNode second = JSON.readTree(events.readLine());
            assertEquals("sim-1", second.at("/object/metadata/name").asText());
            assertEquals("4", second.at("/object/metadata/resourceVersion").asText());
        }
    }

    @Test
    void watchListSendsTheCurrentObjectsThenTheInitialEventsEndBookmark() throws Exception {
        try (BufferedReader events = watch("/api/v1/namespaces/bench/pods?watch=1&sendInitialEvents=true"
                + "&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true")) {
            assertEquals("ADDED", JSON.readTree(events.readLine()).get("type").asText());
            JsonNode bookmark = JSON.readTree(events.readLine());
            assertEquals("BOOKMARK", bookmark.get("type").asText());
            assertEquals("true", bookmark.at("/object/metadata/annotations/k8s.io~1initial-events-end").asText());
            assertEquals("Pod", bookmark.at("/object/kind").asText());
        }
    }

    private BufferedReader watch(String path) throws Exception {
        InputStream body = http.send(HttpRequest.newBuilder(URI.create(api.url() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream()).body();
        return new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }
}
