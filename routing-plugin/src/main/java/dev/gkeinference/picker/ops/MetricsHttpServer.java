package dev.gkeinference.picker.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Serves the picker's metrics in Prometheus text format at {@code /metrics}, to authorized scrapers when asked to. */
public final class MetricsHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    /** @param auth who may read; null lets everyone read */
    public MetricsHttpServer(InetSocketAddress address, PrometheusRegistry registry, MetricsAuth auth)
            throws IOException {
        PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
        server = HttpServer.create(address, 16);
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "metrics-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", exchange -> serve(exchange, registry, writer, auth));
        server.start();
    }

    private static void serve(HttpExchange exchange, PrometheusRegistry registry, PrometheusTextFormatWriter writer,
                              MetricsAuth auth) throws IOException {
        try (exchange) {
            if (!"/metrics".equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (auth != null) {
                MetricsAuth.Verdict verdict = auth.check(exchange.getRequestHeaders().getFirst("Authorization"),
                        "/metrics");
                if (verdict.httpStatus() != 200) {
                    byte[] message = (verdict.message() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                    exchange.sendResponseHeaders(verdict.httpStatus(), message.length);
                    exchange.getResponseBody().write(message);
                    return;
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
            writer.write(body, registry.scrape(), EscapingScheme.DEFAULT);
            exchange.getResponseHeaders().set("Content-Type", writer.getContentType());
            exchange.sendResponseHeaders(200, body.size());
            try (OutputStream out = exchange.getResponseBody()) {
                body.writeTo(out);
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
