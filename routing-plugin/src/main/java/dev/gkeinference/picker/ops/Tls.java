package dev.gkeinference.picker.ops;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/** Server TLS for the ext_proc port: the files of {@code --cert-path}, or a certificate made at startup. */
public final class Tls {

    private Tls() {
    }

    public static SslContext serverContext(Path certPath) throws IOException, GeneralSecurityException {
        if (certPath != null) {
            try (InputStream cert = Files.newInputStream(certPath.resolve("tls.crt"));
                 InputStream key = Files.newInputStream(certPath.resolve("tls.key"))) {
                return GrpcSslContexts.forServer(cert, key).build();
            }
        }
        SelfSignedCertificate self = SelfSignedCertificate.generate("routing-plugin");
        return GrpcSslContexts.forServer(
                new ByteArrayInputStream(self.certificatePem().getBytes(StandardCharsets.US_ASCII)),
                new ByteArrayInputStream(self.privateKeyPem().getBytes(StandardCharsets.US_ASCII))).build();
    }
}
