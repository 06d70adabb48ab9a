package dev.gkeinference.bench.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated vLLM server on 127.0.0.1: OpenAI-compatible completions and chat completions (SSE streaming or
 * not), /health and /metrics, backed by a {@link SimEngine}.
 */
public final class SimServer implements AutoCloseable {
    /** Longest a handler waits for the next engine event before giving up on the request. */
    private static final long EVENT_TIMEOUT_SECONDS = 120;

    static {
        // The JDK server leaves Nagle's algorithm on by default; with one small write per token that adds the
        // 40 ms delayed-ACK stall to inter-token latencies. Read once, when the first server is created.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final SimProfile profile;
    private final String name;
    private final SimEngine engine;
    private final HttpServer http;
    private final ExecutorService handlers;
    private final AtomicLong ids = new AtomicLong();

    private SimServer(SimProfile profile, String name, long seed, InetAddress address, int port) throws IOException {
        this.profile = profile;
        this.name = name;
        this.http = HttpServer.create(new InetSocketAddress(address, port), 1024);
        this.engine = new SimEngine(profile, seed, name);
        this.handlers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sim-http-" + name);
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(handlers);
        http.createContext("/v1/completions", ex -> serveCompletion(ex, false));
        http.createContext("/v1/chat/completions", ex -> serveCompletion(ex, true));
        http.createContext("/health", ex -> respond(ex, 200, "text/plain", "OK"));
        http.createContext("/metrics", this::serveMetrics);
        http.createContext("/v1/models", ex -> respond(ex, 200, "application/json",
                "{\"object\":\"list\",\"data\":[{\"id\":\"" + profile.modelName() + "\",\"object\":\"model\"}]}"));
        http.start();
    }

    /** Starts a server on 127.0.0.1 and the given port (0 picks a free one). */
    public static SimServer start(SimProfile profile, String name, long seed, int port) throws IOException {
        return new SimServer(profile, name, seed, InetAddress.getLoopbackAddress(), port);
    }

    /** Starts a server on a loopback address of its own (127.0.0.0/8), like a pod with its own IP. */
    public static SimServer start(SimProfile profile, String name, long seed, InetAddress loopback, int port)
            throws IOException {
        if (!loopback.isLoopbackAddress()) {
            throw new IllegalArgumentException(loopback + " is not a loopback address");
        }
        return new SimServer(profile, name, seed, loopback, port);
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** "ip:port", the form the picker and the gateway use for endpoints. */
    public String endpoint() {
        return http.getAddress().getAddress().getHostAddress() + ":" + port();
    }

    public String name() {
        return name;
    }

    public EngineSnapshot snapshot() {
        return engine.snapshot();
    }

    @Override
    public void close() {
        http.stop(0);
        engine.close();
        handlers.shutdownNow();
    }

    private void serveMetrics(HttpExchange ex) throws IOException {
        String text = PrometheusText.render(engine.snapshot(), profile.modelName(), profile.maxLoras(),
                System.currentTimeMillis() / 1000.0);
        respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8", text);
    }

    private void serveCompletion(HttpExchange ex, boolean chat) throws IOException {
        try (ex) {
            if (!"POST".equals(ex.getRequestMethod())) {
                respond(ex, 405, "text/plain", "POST only");
                return;
            }
            CompletionRequest req;
            try {
                req = CompletionRequest.parse(ex.getRequestBody().readAllBytes(), chat, profile.defaultMaxTokens(),
                        profile.modelName());
            } catch (IOException e) {
                respond(ex, 400, "application/json", errorJson(e.getMessage()));
                return;
            }
            SimRequest sim = new SimRequest(req.model(), PromptTokens.blockHashes(req.promptText(),
                    profile.blockSize()), PromptTokens.count(req.promptText()), req.maxTokens());
            engine.submit(sim);
            ResponseWriter writer = new ResponseWriter(req, "cmpl-" + name + "-" + ids.incrementAndGet());
            try {
                streamEvents(ex, sim, writer);
            } catch (IOException e) {
                sim.cancel();
            }
        }
    }

    private void streamEvents(HttpExchange ex, SimRequest sim, ResponseWriter writer) throws IOException {
        ex.getResponseHeaders().add("x-inference-pod", name);
        ex.getResponseHeaders().add("x-inference-port", Integer.toString(port()));
        boolean headersSent = false;
        OutputStream out = ex.getResponseBody();
        while (true) {
            SimRequest.Event event = nextEvent(sim);
            if (event instanceof SimRequest.Failed failed) {
                if (!headersSent) {
                    respond(ex, 503, "application/json", errorJson(failed.reason()));
                }
                return;
            }
            if (writer.streaming() && !headersSent) {
                ex.getResponseHeaders().add("Content-Type", "text/event-stream");
                ex.getResponseHeaders().add("Cache-Control", "no-cache");
                ex.sendResponseHeaders(200, 0);
                headersSent = true;
            }
            if (event instanceof SimRequest.Token token) {
                writer.token(out, token.index(), sim.outputTokens);
            } else if (event instanceof SimRequest.Finished done) {
                if (writer.streaming()) {
                    writer.endStream(out, done);
                } else {
                    respond(ex, 200, "application/json", writer.wholeResponse(done));
                }
                return;
            }
        }
    }

    private static SimRequest.Event nextEvent(SimRequest sim) throws IOException {
        try {
            SimRequest.Event e = sim.events().poll(EVENT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (e == null) {
                throw new IOException("engine produced nothing for " + EVENT_TIMEOUT_SECONDS + "s");
            }
            return e;
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", ie);
        }
    }

    static String errorJson(String message) {
        return "{\"error\":{\"message\":\"" + message.replace("\"", "'") + "\",\"type\":\"invalid_request_error\"}}";
    }

    private static void respond(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }
}
