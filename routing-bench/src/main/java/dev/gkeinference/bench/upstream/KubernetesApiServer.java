package dev.gkeinference.bench.upstream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP server speaking the part of the Kubernetes API an informer-based client (client-go,
 * controller-runtime) needs: legacy discovery ({@code /api}, {@code /apis}, group versions), list and get, and
 * watch with resourceVersions, bookmarks and the watch-list protocol ({@code sendInitialEvents}). Read-only:
 * writes are refused with 405, which informers never need.
 */
public final class KubernetesApiServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INITIAL_EVENTS_END = "k8s.io/initial-events-end";

    /** A namespaced resource type the server lists and watches. */
    public record ResourceType(String group, String version, String plural, String kind) {
        String groupVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }

        String collectionPath(String namespace) {
            return (group.isEmpty() ? "/api/" : "/apis/") + groupVersion() + "/namespaces/" + namespace + "/"
                    + plural;
        }
    }

    private record Event(long rv, String collection, String type, ObjectNode object) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "kube-api");
        t.setDaemon(true);
        return t;
    });
    private final List<ResourceType> types;
    /** collection path → name → object */
    private final Map<String, Map<String, ObjectNode>> store = new HashMap<>();
    private final List<Event> events = new ArrayList<>();
    private final AtomicLong refusedRequests = new AtomicLong();
    private long resourceVersion = 1;
    private volatile boolean closed;

    public KubernetesApiServer(List<ResourceType> types) throws IOException {
        this.types = List.copyOf(types);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requests the server could not serve (writes, unknown paths): a client asking for more than we model. */
    public long refusedRequests() {
        return refusedRequests.get();
    }

    /** A kubeconfig pointing at this server with a dummy bearer token. */
    public Path writeKubeconfig(Path file) throws IOException {
        return Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: bench
                  cluster:
                    server: %s
                users:
                - name: bench
                  user:
                    token: bench-token
                contexts:
                - name: bench
                  context:
                    cluster: bench
                    user: bench
                current-context: bench
                """.formatted(url()));
    }

    /** Creates or replaces an object (by metadata.name) and tells watchers: ADDED or MODIFIED. */
    public synchronized void apply(ResourceType type, ObjectNode object) {
        String collection = type.collectionPath(object.path("metadata").path("namespace").asText());
        String name = object.path("metadata").path("name").asText();
        Map<String, ObjectNode> items = store.computeIfAbsent(collection, c -> new LinkedHashMap<>());
        String eventType = items.containsKey(name) ? "MODIFIED" : "ADDED";
        ObjectNode copy = object.deepCopy();
        ((ObjectNode) copy.get("metadata")).put("resourceVersion", Long.toString(++resourceVersion));
        items.put(name, copy);
        events.add(new Event(resourceVersion, collection, eventType, copy));
        notifyAll();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (!"GET".equals(exchange.getRequestMethod())) {
                refuse(exchange, 405, "MethodNotAllowed", "this API server is read-only");
                return;
            }
            ObjectNode discovery = discovery(path);
            if (discovery != null) {
                send(exchange, 200, discovery);
            } else if (isCollection(path)) {
                if (isTrue(query.get("watch"))) {
                    watch(exchange, path, query);
                } else {
                    send(exchange, 200, list(path, query));
                }
            } else {
                get(exchange, path);
            }
        }
    }

    private ObjectNode discovery(String path) {
        if (path.equals("/version")) {
            return JSON.createObjectNode().put("major", "1").put("minor", "35").put("gitVersion", "v1.35.0");
        }
        if (path.equals("/api")) {
            ObjectNode o = JSON.createObjectNode().put("kind", "APIVersions");
            o.putArray("versions").add("v1");
            return o;
        }
        if (path.equals("/apis")) {
            ObjectNode o = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
            ArrayNode groups = o.putArray("groups");
            types.stream().filter(t -> !t.group().isEmpty()).map(t -> t.group() + "/" + t.version()).distinct()
                    .forEach(gv -> {
                        String[] parts = gv.split("/");
                        ObjectNode g = groups.addObject().put("name", parts[0]);
                        ObjectNode version = JSON.createObjectNode().put("groupVersion", gv).put("version", parts[1]);
                        g.putArray("versions").add(version);
                        g.set("preferredVersion", version.deepCopy());
                    });
            return o;
        }
        for (ResourceType t : types) {
            if (path.equals((t.group().isEmpty() ? "/api/" : "/apis/") + t.groupVersion())) {
                return resourceList(t.groupVersion());
            }
        }
        return null;
    }

    private ObjectNode resourceList(String groupVersion) {
        ObjectNode o = JSON.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", groupVersion);
        ArrayNode resources = o.putArray("resources");
        for (ResourceType t : types) {
            if (t.groupVersion().equals(groupVersion)) {
                ObjectNode r = resources.addObject().put("name", t.plural())
                        .put("singularName", t.kind().toLowerCase(java.util.Locale.ROOT)).put("namespaced", true)
                        .put("kind", t.kind());
                r.putArray("verbs").add("get").add("list").add("watch");
            }
        }
        return o;
    }

    private boolean isCollection(String path) {
        return types.stream().anyMatch(t -> path.matches(t.collectionPath("[^/]+")));
    }

    private synchronized ObjectNode list(String collection, Map<String, String> query) {
        ObjectNode list = JSON.createObjectNode().put("kind", "List").put("apiVersion", "v1");
        list.putObject("metadata").put("resourceVersion", Long.toString(resourceVersion));
        ArrayNode items = list.putArray("items");
        for (ObjectNode o : store.getOrDefault(collection, Map.of()).values()) {
            if (matches(o, query)) {
                items.add(o);
            }
        }
        return list;
    }

    private void get(HttpExchange exchange, String path) throws IOException {
        int slash = path.lastIndexOf('/');
        ObjectNode found;
        synchronized (this) {
            found = slash <= 0 ? null : store.getOrDefault(path.substring(0, slash), Map.of())
                    .get(path.substring(slash + 1));
        }
        if (found == null) {
            refuse(exchange, 404, "NotFound", path + " not found");
        } else {
            send(exchange, 200, found);
        }
    }

    /**
     * Streams events after the requested resourceVersion, one JSON object per line. With sendInitialEvents, first
     * every current object as ADDED and then a BOOKMARK marking the end of the initial events (watch-list).
     */
    private void watch(HttpExchange exchange, String collection, Map<String, String> query) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        long after;
        int next;
        synchronized (this) {
            next = events.size();
            after = resourceVersion;
            if (isTrue(query.get("sendInitialEvents"))) {
                for (ObjectNode o : store.getOrDefault(collection, Map.of()).values()) {
                    if (matches(o, query)) {
                        writeEvent(out, "ADDED", o);
                    }
                }
                writeEvent(out, "BOOKMARK", bookmark(collection, after));
            } else {
                after = parseVersion(query.get("resourceVersion"), after);
                next = 0;
            }
        }
        out.flush();
        long deadline = System.nanoTime() + Long.parseLong(query.getOrDefault("timeoutSeconds", "300")) * 1_000_000_000L;
        while (!closed && System.nanoTime() < deadline) {
            List<Event> pending = new ArrayList<>();
            synchronized (this) {
                while (next < events.size()) {
                    Event e = events.get(next++);
                    if (e.rv() > after && e.collection().equals(collection) && matches(e.object(), query)) {
                        pending.add(e);
                    }
                }
                if (pending.isEmpty()) {
                    try {
                        wait(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
            }
            for (Event e : pending) {
                writeEvent(out, e.type(), e.object());
            }
            out.flush();
        }
    }

    private ObjectNode bookmark(String collection, long rv) {
        ResourceType type = types.stream().filter(t -> collection.matches(t.collectionPath("[^/]+"))).findFirst()
                .orElseThrow();
        ObjectNode o = JSON.createObjectNode().put("apiVersion", type.groupVersion()).put("kind", type.kind());
        ObjectNode metadata = o.putObject("metadata").put("resourceVersion", Long.toString(rv));
        metadata.putObject("annotations").put(INITIAL_EVENTS_END, "true");
        return o;
    }

    private static void writeEvent(OutputStream out, String type, ObjectNode object) throws IOException {
        ObjectNode event = JSON.createObjectNode().put("type", type);
        event.set("object", object);
        out.write(JSON.writeValueAsBytes(event));
        out.write('\n');
    }

    /** "" and "0" mean "any": start from the oldest event we still have. */
    private static long parseVersion(String rv, long current) {
        if (rv == null || rv.isEmpty() || rv.equals("0")) {
            return 0;
        }
        try {
            return Long.parseLong(rv);
        } catch (NumberFormatException e) {
            return current;
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

    private void refuse(HttpExchange exchange, int code, String reason, String message) throws IOException {
        refusedRequests.incrementAndGet();
        ObjectNode status = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1")
                .put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
        send(exchange, code, status);
    }

    private static void send(HttpExchange exchange, int code, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static boolean isTrue(String v) {
        return "true".equals(v) || "1".equals(v);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
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
}
