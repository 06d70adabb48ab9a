package dev.gkeinference.bench.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway stand-in: an HTTP/1.1 reverse proxy on 127.0.0.1 that asks a {@link RoutingSessionFactory} where each
 * request goes, sends it there (walking the fallback list when a connection cannot be made, like Envoy's
 * ORIGINAL_DST cluster with connect-failure retries) and streams the response back through the routing session.
 */
public final class GatewayProxy implements AutoCloseable {
    /** Envoy hands body data to filters in buffer-sized slices; 16 KiB matches its default read size. */
    static final int REQUEST_CHUNK_BYTES = 16 * 1024;
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection", "http2-settings");

    static {
        // The JDK server leaves Nagle's algorithm on by default; with one small write per token that adds the
        // 40 ms delayed-ACK stall to inter-token latencies. Read once, when the first server is created.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final RoutingSessionFactory routing;
    private final HttpServer http;
    private final ExecutorService handlers;
    private final HttpClient upstream;
    private final Duration upstreamTimeout;
    private final AtomicLong connectFailures = new AtomicLong();
    private final boolean retryOnReset;
    private final java.util.concurrent.ConcurrentLinkedQueue<Long> routingNanos =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    public GatewayProxy(RoutingSessionFactory routing, Duration upstreamTimeout) throws IOException {
        this(routing, upstreamTimeout, false);
    }

    /**
     * @param retryOnReset also move on to the next endpoint when the connection is reset before any response
     *                     arrives (Envoy's {@code retry_on: reset}); without it only connect failures do
     */
    public GatewayProxy(RoutingSessionFactory routing, Duration upstreamTimeout, boolean retryOnReset)
            throws IOException {
        this.routing = routing;
        this.retryOnReset = retryOnReset;
        this.upstreamTimeout = upstreamTimeout;
        this.handlers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "gateway-" + routing.name());
            t.setDaemon(true);
            return t;
        });
        this.upstream = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .executor(handlers)
                .build();
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        http.setExecutor(handlers);
        http.createContext("/", this::proxy);
        http.start();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public String routingName() {
        return routing.name();
    }

    /** Connections to an endpoint that could not be made, each followed by a try of the next fallback. */
    public long connectFailures() {
        return connectFailures.get();
    }

    /** The routing latencies (request end → picker's decision) recorded since the last call, in nanoseconds. */
    public long[] drainRoutingNanos() {
        List<Long> out = new ArrayList<>();
        Long v;
        while ((v = routingNanos.poll()) != null) {
            out.add(v);
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public void close() {
        http.stop(0);
        handlers.shutdownNow();
    }

    private void proxy(HttpExchange ex) {
        try (ex; RoutingSession session = routing.open()) {
            sendRequestToSession(ex, session);
            RouteDecision decision = session.awaitRoute();
            long routed = session.routingNanos();
            if (routed >= 0) {
                routingNanos.add(routed);
            }
            if (decision instanceof RouteDecision.Immediate immediate) {
                respond(ex, immediate.status(), immediate.headers(), immediate.body());
                return;
            }
            RouteDecision.Forward forward = (RouteDecision.Forward) decision;
            Upstream served = connect(ex, forward);
            if (served == null) {
                respond(ex, 503, List.of(), "no healthy upstream".getBytes(StandardCharsets.UTF_8));
                return;
            }
            relayResponse(ex, session, served);
        } catch (IOException | RuntimeException e) {
            tryRespond(ex, 502, "gateway: " + e.getMessage());
        }
    }

    private static void sendRequestToSession(HttpExchange ex, RoutingSession session) throws IOException {
        List<Header> headers = new ArrayList<>();
        headers.add(new Header(":method", ex.getRequestMethod()));
        headers.add(new Header(":path", ex.getRequestURI().toString()));
        headers.add(new Header(":authority", headerOr(ex, "Host", "127.0.0.1")));
        headers.add(new Header(":scheme", "http"));
        for (Map.Entry<String, List<String>> e : ex.getRequestHeaders().entrySet()) {
            for (String v : e.getValue()) {
                headers.add(new Header(e.getKey(), v));
            }
        }
        byte[] body = ex.getRequestBody().readAllBytes();
        session.requestHeaders(headers, body.length == 0);
        for (int off = 0; off < body.length; off += REQUEST_CHUNK_BYTES) {
            int end = Math.min(body.length, off + REQUEST_CHUNK_BYTES);
            session.requestBody(java.util.Arrays.copyOfRange(body, off, end), end == body.length);
        }
    }

    private record Upstream(Endpoint endpoint, HttpResponse<InputStream> response) {
    }

    /** Tries the endpoints in order; a failure to connect (or, if enabled, a reset before the response) moves on. */
    private Upstream connect(HttpExchange ex, RouteDecision.Forward forward) throws IOException {
        for (Endpoint endpoint : forward.endpoints()) {
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://" + endpoint + ex.getRequestURI()))
                    .timeout(upstreamTimeout)
                    .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(forward.body()));
            copyHeaders(ex, forward.extraHeaders(), req);
            try {
                return new Upstream(endpoint, upstream.send(req.build(), HttpResponse.BodyHandlers.ofInputStream()));
            } catch (java.net.ConnectException | HttpConnectTimeoutException e) {
                connectFailures.incrementAndGet();
            } catch (IOException e) {
                if (!retryOnReset) {
                    throw e;
                }
                connectFailures.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
        return null;
    }

    private void relayResponse(HttpExchange ex, RoutingSession session, Upstream served) throws IOException {
        HttpResponse<InputStream> response = served.response();
        List<Header> upstreamHeaders = new ArrayList<>();
        response.headers().map().forEach((k, vs) -> {
            if (!k.startsWith(":") && !HOP_BY_HOP.contains(k.toLowerCase(java.util.Locale.ROOT))) {
                vs.forEach(v -> upstreamHeaders.add(new Header(k, v)));
            }
        });
        OutputStream out = ex.getResponseBody();
        DownstreamSink sink = chunk -> {
            synchronized (out) {
                out.write(chunk);
                out.flush();
            }
        };
        List<Header> added = session.responseHeaders(response.statusCode(), upstreamHeaders, served.endpoint(), sink);
        for (Header h : upstreamHeaders) {
            ex.getResponseHeaders().add(h.name(), h.value());
        }
        for (Header h : added) {
            ex.getResponseHeaders().set(h.name(), h.value());
        }
        ex.getResponseHeaders().set(ExtProcSession.SERVED_KEY, served.endpoint().toString());
        ex.sendResponseHeaders(response.statusCode(), 0);
        try (InputStream in = response.body()) {
            byte[] buf = new byte[16 * 1024];
            int n;
            // Whatever the upstream has written so far goes on at once, as Envoy forwards each read.
            while ((n = in.read(buf)) >= 0) {
                if (n > 0) {
                    session.responseBody(java.util.Arrays.copyOf(buf, n), false);
                }
            }
        }
        session.responseBody(new byte[0], true);
        session.awaitResponseComplete();
    }

    private static void copyHeaders(HttpExchange ex, List<Header> extra, HttpRequest.Builder req) {
        Set<String> overridden = new java.util.HashSet<>();
        for (Header h : extra) {
            if (!h.name().startsWith(":") && !HOP_BY_HOP.contains(h.name())) {
                req.setHeader(h.name(), h.value());
                overridden.add(h.name());
            }
        }
        for (Map.Entry<String, List<String>> e : ex.getRequestHeaders().entrySet()) {
            String name = e.getKey().toLowerCase(java.util.Locale.ROOT);
            if (HOP_BY_HOP.contains(name) || overridden.contains(name) || name.startsWith("x-gateway-")) {
                continue;
            }
            e.getValue().forEach(v -> req.header(name, v));
        }
    }

    private static String headerOr(HttpExchange ex, String name, String fallback) {
        String v = ex.getRequestHeaders().getFirst(name);
        return v == null ? fallback : v;
    }

    private static void respond(HttpExchange ex, int status, List<Header> headers, byte[] body) throws IOException {
        for (Header h : headers) {
            ex.getResponseHeaders().set(h.name(), h.value());
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    /** Best effort: if the response has already started, the client sees a truncated stream instead. */
    private static void tryRespond(HttpExchange ex, int status, String message) {
        try {
            if (ex.getResponseCode() == -1) {
                respond(ex, status, List.of(), message.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException ignored) {
            // the client is gone or the response was already under way
        }
    }
}
