package dev.gkeinference.picker.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP (or HTTPS) server on a loopback address that serves vLLM-style Prometheus text at /metrics. */
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
        this(ip, 0, waiting, kvUsage);
    }

    /** On a given port (0: any free one), e.g. the same port on several loopback IPs, as pods of one pool have. */
    public FakeModelServer(String ip, int port, double waiting, double kvUsage) throws IOException {
        this(ip, port, "/metrics", null, waiting, kvUsage);
    }

    /** Serving its metrics over HTTPS with a self-signed certificate, at {@code path}. */
    public static FakeModelServer https(String ip, String path, double waiting, double kvUsage) throws IOException {
        try {
            return new FakeModelServer(ip, 0, path, selfSignedTls(), waiting, kvUsage);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private FakeModelServer(String ip, int port, String path, javax.net.ssl.SSLContext tls, double waiting,
                            double kvUsage) throws IOException {
        this.ip = ip;
        setMetrics(waiting, kvUsage);
        InetAddress address = InetAddress.getByName(ip);
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("tests stay on loopback: " + ip);
        }
        if (tls == null) {
            server = HttpServer.create(new InetSocketAddress(address, port), 16);
        } else {
            com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(
                    new InetSocketAddress(address, port), 16);
            https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
            server = https;
        }
        server.createContext(path, exchange -> {
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

    private static javax.net.ssl.SSLContext selfSignedTls() throws java.security.GeneralSecurityException,
            IOException {
        var cert = dev.gkeinference.picker.ops.SelfSignedCertificate.generate("model-server");
        java.security.cert.Certificate x509 = java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(cert.certificatePem().getBytes(StandardCharsets.US_ASCII)));
        String keyBase64 = cert.privateKeyPem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        java.security.PrivateKey key = java.security.KeyFactory.getInstance("EC").generatePrivate(
                new java.security.spec.PKCS8EncodedKeySpec(java.util.Base64.getDecoder().decode(keyBase64)));
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "test".toCharArray();
        store.setKeyEntry("server", key, password, new java.security.cert.Certificate[] {x509});
        javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance(
                javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
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

    public int port() {
        return server.getAddress().getPort();
    }

    public String hostPort() {
        return ip + ":" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
