package dev.gkeinference.picker.testing;

import com.fasterxml.jackson.databind.JsonNode;
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
 * A real HTTP server on 127.0.0.1 speaking the Kubernetes API subset the picker uses: list (with labelSelector and
 * fieldSelector=metadata.name) and watch (chunked JSON event stream, replaying events after the requested
 * resourceVersion) for namespaced collections such as {@code /api/v1/namespaces/ns/pods}; get, create, merge-patch
 * and replace of single objects with resourceVersion conflicts (what Lease-based leader election needs); API
 * discovery documents of installed groups; TokenReview and SubjectAccessReview.
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
    /** API discovery documents: {@code /apis/GROUP/VERSION} → APIResourceList. */
    private final Map<String, ObjectNode> installed = new java.util.concurrent.ConcurrentHashMap<>();
    /** Cluster-scoped review endpoints (TokenReview, SubjectAccessReview): request → answer. */
    private final Map<String, java.util.function.UnaryOperator<ObjectNode>> reviewers =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());

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

    /** Serves the discovery document of a group version, so clients see these resources as installed. */
    public void install(String groupVersion, String kind, String plural) {
        ObjectNode list = JSON.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", groupVersion);
        list.putArray("resources").addObject().put("name", plural).put("singularName", "")
                .put("namespaced", true).put("kind", kind).putArray("verbs").add("get").add("list").add("watch");
        installed.put("/apis/" + groupVersion, list);
    }

    /**
     * Answers TokenReviews and SubjectAccessReviews as the API server would: {@code tokens} maps a bearer token to
     * its user; a user may {@code get} the non-resource path {@code /metrics} when listed in {@code metricsReaders}.
     */
    public void authenticateAndAuthorize(Map<String, String> tokens, java.util.Set<String> metricsReaders) {
        reviewers.put("/apis/authentication.k8s.io/v1/tokenreviews", review -> {
            String user = tokens.get(review.path("spec").path("token").asText());
            ObjectNode status = review.putObject("status").put("authenticated", user != null);
            if (user != null) {
                status.putObject("user").put("username", user).put("uid", "uid-" + user).putArray("groups")
                        .add("system:authenticated");
            }
            return review;
        });
        reviewers.put("/apis/authorization.k8s.io/v1/subjectaccessreviews", review -> {
            JsonNode spec = review.path("spec");
            boolean allowed = metricsReaders.contains(spec.path("user").asText())
                    && "/metrics".equals(spec.path("nonResourceAttributes").path("path").asText())
                    && "get".equals(spec.path("nonResourceAttributes").path("verb").asText());
            review.putObject("status").put("allowed", allowed);
            return review;
        });
    }

    /** Every request received, as "METHOD /path", in order. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public synchronized ObjectNode get(String collection, String name) {
        ObjectNode o = store.getOrDefault(collection, Map.of()).get(name);
        return o == null ? null : o.deepCopy();
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
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String method = exchange.getRequestMethod();
            requests.add(method + " " + path);
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            if (method.equals("POST") && reviewers.containsKey(path)) {
                respond(exchange, 201, reviewers.get(path).apply((ObjectNode) JSON.readTree(requestBody)));
            } else if (method.equals("GET") && installed.containsKey(path)) {
                respond(exchange, 200, installed.get(path));
            } else if (isItem(path)) {
                item(exchange, method, path, requestBody);
            } else if (method.equals("POST")) {
                create(exchange, path, (ObjectNode) JSON.readTree(requestBody));
            } else if (!method.equals("GET")) {
                exchange.sendResponseHeaders(405, -1);
            } else if ("true".equals(query.get("watch"))) {
                watch(exchange, path, query);
            } else if (path.startsWith("/apis/") && path.split("/").length == 4) {
                respond(exchange, 404, status(404, "NotFound", "the server could not find the requested resource"));
            } else {
                list(exchange, path, query);
            }
        }
    }

    /** {@code .../namespaces/NS/PLURAL/NAME}: one object. */
    private static boolean isItem(String path) {
        String[] parts = path.split("/");
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].equals("namespaces")) {
                return parts.length - i == 4;
            }
        }
        return false;
    }

    private void item(HttpExchange exchange, String method, String path, byte[] requestBody) throws IOException {
        String collection = path.substring(0, path.lastIndexOf('/'));
        String name = path.substring(path.lastIndexOf('/') + 1);
        ObjectNode current;
        synchronized (this) {
            current = store.getOrDefault(collection, Map.of()).get(name);
        }
        if (current == null) {
            respond(exchange, 404, status(404, "NotFound", name + " not found"));
            return;
        }
        switch (method) {
            case "GET" -> respond(exchange, 200, current);
            case "PATCH", "PUT" -> {
                ObjectNode change = (ObjectNode) JSON.readTree(requestBody);
                String expected = change.path("metadata").path("resourceVersion").asText("");
                if (!expected.isEmpty() && !expected.equals(current.path("metadata").path("resourceVersion").asText())) {
                    respond(exchange, 409, status(409, "Conflict", "the object has been modified"));
                    return;
                }
                ObjectNode next = method.equals("PUT") ? change : mergePatch(current.deepCopy(), change);
                respond(exchange, 200, applyAndGet(collection, next));
            }
            default -> exchange.sendResponseHeaders(405, -1);
        }
    }

    private void create(HttpExchange exchange, String collection, ObjectNode object) throws IOException {
        String name = object.path("metadata").path("name").asText();
        synchronized (this) {
            if (store.getOrDefault(collection, Map.of()).containsKey(name)) {
                respond(exchange, 409, status(409, "AlreadyExists", name + " already exists"));
                return;
            }
        }
        respond(exchange, 201, applyAndGet(collection, object));
    }

    private synchronized ObjectNode applyAndGet(String collection, ObjectNode object) {
        apply(collection, object);
        return store.get(collection).get(object.path("metadata").path("name").asText());
    }

    /** RFC 7386 JSON merge patch. */
    private static ObjectNode mergePatch(ObjectNode target, ObjectNode patch) {
        patch.properties().forEach(e -> {
            if (e.getValue().isNull()) {
                target.remove(e.getKey());
            } else if (e.getValue().isObject() && target.get(e.getKey()) instanceof ObjectNode inner) {
                mergePatch(inner, (ObjectNode) e.getValue());
            } else {
                target.set(e.getKey(), e.getValue());
            }
        });
        return target;
    }

    private static ObjectNode status(int code, String reason, String message) {
        ObjectNode s = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
        s.putObject("metadata");
        return s.put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
    }

    private static void respond(HttpExchange exchange, int code, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
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
    public static final String LLMD_OBJECTIVES = "/apis/llm-d.ai/v1alpha2/namespaces/%s/inferenceobjectives";
    public static final String LEASES = "/apis/coordination.k8s.io/v1/namespaces/%s/leases";
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
        return objective("inference.networking.x-k8s.io/v1alpha2", namespace, name, poolName, priority);
    }

    public static ObjectNode objective(String apiVersion, String namespace, String name, String poolName,
                                       Integer priority) {
        ObjectNode o = object(apiVersion, "InferenceObjective", namespace, name, Map.of());
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
