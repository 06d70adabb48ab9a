package dev.gkeinference.picker.state;

import dev.gkeinference.picker.endpoint.Endpoint;

import java.net.URI;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Where a model server's Prometheus metrics are: scheme, port ({@code 0}: the endpoint's own port) and path. With
 * https and {@code insecureSkipVerify} (the upstream default: model servers use self-signed certificates), the
 * server's certificate and host name are not checked.
 */
public record MetricsEndpoint(String scheme, int port, String path, boolean insecureSkipVerify) {

    public static final MetricsEndpoint DEFAULT = new MetricsEndpoint("http", 0, "/metrics", true);

    public URI uri(Endpoint endpoint) {
        String host = endpoint.ip().indexOf(':') >= 0 ? "[" + endpoint.ip() + "]" : endpoint.ip();
        return URI.create(scheme + "://" + host + ":" + (port == 0 ? endpoint.port() : port) + path);
    }

    /** The TLS context for https scrapes. */
    SSLContext sslContext() throws java.security.GeneralSecurityException {
        if (!insecureSkipVerify) {
            return SSLContext.getDefault();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustEverything()}, new SecureRandom());
        return context;
    }

    /** Accepts any server certificate and, being an extended trust manager, skips the host name check too. */
    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
