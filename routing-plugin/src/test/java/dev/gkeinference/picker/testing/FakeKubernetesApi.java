package dev.gkeinference.picker.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 speaking the Kubernetes API subset informers use: list (with labelSelector and
 * fieldSelector=metadata.name) and watch (chunked JSON event stream, replaying events after the requested
 * resourceVersion) for namespaced collections such as {@code /api/v1/namespaces/ns/pods}.
 */
public final class FakeKubernetesApi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-kube-api");
        t.setDaemon(true);
        return t;
    });
    /** collection path → name → object */
    private final Map<String, Map<String, ObjectNode>> store = new HashMap<>();
    private final List<Event> log = new ArrayList<>();
    private long resourceVersion = 1;
    private volatile boolean closed;

    private record Event(long rv, String collection, String type, ObjectNode object) {
    }

    public FakeKubernetesApi() throws IOException {
        this(0);
    }

    /** On a given loopback port (0: any free one). */
    public FakeKubernetesApi(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public Path writeKubeconfig(Path dir) throws IOException {
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: fake
                  cluster:
                    server: %s
                users:
                - name: tester
                  user:
                    token: test-token
                contexts:
                - name: fake
                  context:
                    cluster: fake
                    user: tester
                current-context: fake
                """.formatted(url());
        return Files.writeString(dir.resolve("kubeconfig"), yaml);
    }

    /** Creates or replaces an object; emits ADDED or MODIFIED to watchers. */
    public synchronized void apply(String collection, ObjectNode object) {
        String name = object.path("metadata").path("name").asText();
        Map<String, ObjectNode> items = store.computeIfAbsent(collection, c -> new LinkedHashMap<>());
        String type = items.containsKey(name) ? "MODIFIED" : "ADDED";
        ObjectNode copy = object.deepCopy();
        ((ObjectNode) copy.get("metadata")).put("resourceVersion", Long.toString(++resourceVersion));
        items.put(name, copy);
        log.add(new Event(resourceVersion, collection, type, copy));
        notifyAll();
    }

    public synchronized void delete(String collection, String name) {
        ObjectNode removed = store.getOrDefault(collection, Map.of()).remove(name);
        if (removed != null) {
            ObjectNode copy = removed.deepCopy();
            ((ObjectNode) copy.get("metadata")).put("resourceVersion", Long.toString(++resourceVersion));
            log.add(new Event(resourceVersion, collection, "DELETED", copy));
            notifyAll();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String collection = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if ("true".equals(query.get("watch"))) {
                watch(exchange, collection, query);
            } else {
                list(exchange, collection, query);
            }
        }
    }

    private void list(HttpExchange exchange, String collection, Map<String, String> query) throws IOException {
        ObjectNode list = JSON.createObjectNode();
        synchronized (this) {
            list.put("kind", "List").put("apiVersion", "v1");
            list.putObject("metadata").put("resourceVersion", Long.toString(resourceVersion));
            var items = list.putArray("items");
            for (ObjectNode o : store.getOrDefault(collection, Map.of()).values()) {
                if (matches(o, query)) {
                    items.add(o);
                }
            }
        }
        byte[] body = JSON.writeValueAsBytes(list);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private void watch(HttpExchange exchange, String collection, Map<String, String> query) throws IOException {
        long after = Long.parseLong(query.getOrDefault("resourceVersion", "0").isEmpty() ? "0"
                : query.getOrDefault("resourceVersion", "0"));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0); // chunked: one JSON event per line, as the API server streams them
        OutputStream out = exchange.getResponseBody();
        int next = 0;
        while (!closed) {
            List<Event> pending = new ArrayList<>();
            synchronized (this) {
                while (next < log.size()) {
                    Event e = log.get(next++);
                    if (e.rv() > after && e.collection().equals(collection) && matches(e.object(), query)) {
                        pending.add(e);
                    }
                }
                if (pending.isEmpty()) {
                    try {
                        wait(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
            }
            for (Event e : pending) {
                ObjectNode event = JSON.createObjectNode().put("type", e.type());
                event.set("object", e.object());
                out.write(JSON.writeValueAsBytes(event));
                out.write('\n');
            }
            out.flush();
        }
    }

    private static boolean matches(ObjectNode o, Map<String, String> query) {
        String labelSelector = query.get("labelSelector");
        if (labelSelector != null && !labelSelector.isEmpty()) {
            for (String term : labelSelector.split(",")) {
                String[] kv = term.split("=", 2);
                if (kv.length != 2 || !kv[1].equals(o.path("metadata").path("labels").path(kv[0]).asText(null))) {
                    return false;
                }
            }
        }
        String fieldSelector = query.get("fieldSelector");
        if (fieldSelector != null && fieldSelector.startsWith("metadata.name=")) {
            return fieldSelector.substring("metadata.name=".length()).equals(o.path("metadata").path("name").asText());
        }
        return true;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            notifyAll();
        }
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- builders for the objects the picker watches ----

    public static final String POOLS = "/apis/inference.networking.k8s.io/v1/namespaces/%s/inferencepools";
    public static final String OBJECTIVES = "/apis/inference.networking.x-k8s.io/v1alpha2/namespaces/%s/inferenceobjectives";
    public static final String PODS = "/api/v1/namespaces/%s/pods";

    public static ObjectNode pool(String namespace, String name, Map<String, String> matchLabels, int... ports) {
        ObjectNode pool = object("inference.networking.k8s.io/v1", "InferencePool", namespace, name, Map.of());
        ObjectNode spec = pool.putObject("spec");
        ObjectNode labels = spec.putObject("selector").putObject("matchLabels");
        matchLabels.forEach(labels::put);
        var targetPorts = spec.putArray("targetPorts");
        for (int p : ports) {
            targetPorts.addObject().put("number", p);
        }
        spec.putObject("endpointPickerRef").put("name", name + "-epp").putObject("port").put("number", 9002);
        return pool;
    }

    public static ObjectNode pod(String namespace, String name, Map<String, String> labels, String ip, boolean ready) {
        ObjectNode pod = object("v1", "Pod", namespace, name, labels);
        pod.putObject("spec").putArray("containers").addObject().put("name", "vllm").put("image", "vllm");
        ObjectNode status = pod.putObject("status").put("phase", "Running").put("podIP", ip);
        status.putArray("conditions").addObject().put("type", "Ready").put("status", ready ? "True" : "False");
        return pod;
    }

    public static ObjectNode objective(String namespace, String name, String poolName, Integer priority) {
        ObjectNode o = object("inference.networking.x-k8s.io/v1alpha2", "InferenceObjective", namespace, name, Map.of());
        ObjectNode spec = o.putObject("spec");
        if (priority != null) {
            spec.put("priority", priority);
        }
        spec.putObject("poolRef").put("name", poolName);
        return o;
    }

    private static ObjectNode object(String apiVersion, String kind, String namespace, String name,
                                     Map<String, String> labels) {
        ObjectNode o = JSON.createObjectNode().put("apiVersion", apiVersion).put("kind", kind);
        ObjectNode metadata = o.putObject("metadata").put("name", name).put("namespace", namespace)
                .put("uid", java.util.UUID.nameUUIDFromBytes((namespace + "/" + kind + "/" + name).getBytes()).toString());
        ObjectNode l = metadata.putObject("labels");
        labels.forEach(l::put);
        return o;
    }
}
