package dev.gkeinference.picker.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on 127.0.0.1 that serves vLLM-style Prometheus text at /metrics. */
public final class FakeModelServer implements AutoCloseable {

    private final HttpServer server;
    private volatile String metrics;
    private volatile int status = 200;
    private final AtomicInteger scrapes = new AtomicInteger();

    private final String ip;

    public FakeModelServer(double waiting, double kvUsage) throws IOException {
        this("127.0.0.1", waiting, kvUsage);
    }

    /** {@code ip} must be a loopback address (127.0.0.0/8) so endpoints can differ by IP, as pods do. */
    public FakeModelServer(String ip, double waiting, double kvUsage) throws IOException {
        this.ip = ip;
        setMetrics(waiting, kvUsage);
        InetAddress address = InetAddress.getByName(ip);
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("tests stay on loopback: " + ip);
        }
        server = HttpServer.create(new InetSocketAddress(address, 0), 16);
        server.createContext("/metrics", exchange -> {
            scrapes.incrementAndGet();
            byte[] body = metrics.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public static String vllmMetrics(double waiting, double kvUsage) {
        return "# HELP vllm:num_requests_waiting Number of requests waiting to be processed.\n"
                + "# TYPE vllm:num_requests_waiting gauge\n"
                + "vllm:num_requests_waiting{model_name=\"m\"} " + waiting + "\n"
                + "vllm:num_requests_running{model_name=\"m\"} 1.0\n"
                + "vllm:kv_cache_usage_perc{model_name=\"m\"} " + kvUsage + "\n"
                + "vllm:cache_config_info{block_size=\"16\",num_gpu_blocks=\"1024\",model_name=\"m\"} 1.0\n";
    }

    public void setMetrics(double waiting, double kvUsage) {
        metrics = vllmMetrics(waiting, kvUsage);
    }

    public void setMetricsText(String text) {
        metrics = text;
    }

    /** The HTTP status /metrics answers with (200 by default). */
    public void setStatus(int status) {
        this.status = status;
    }

    public int scrapes() {
        return scrapes.get();
    }

    public String hostPort() {
        return ip + ":" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
