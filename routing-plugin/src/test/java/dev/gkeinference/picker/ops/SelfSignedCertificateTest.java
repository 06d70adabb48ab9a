package dev.gkeinference.picker.ops;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SelfSignedCertificateTest {

    @Test
    void producesAValidSelfSignedX509WithLocalhostNames() throws Exception {
        SelfSignedCertificate c = SelfSignedCertificate.generate("routing-plugin");
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(c.certificatePem().getBytes(StandardCharsets.US_ASCII)));
        cert.verify(cert.getPublicKey()); // signed by its own key
        cert.checkValidity();
        assertEquals("CN=routing-plugin", cert.getSubjectX500Principal().getName());
        assertEquals(3, cert.getVersion());
        assertTrue(cert.getSubjectAlternativeNames().contains(List.of(2, "localhost")));
        assertTrue(cert.getSubjectAlternativeNames().contains(List.of(7, "127.0.0.1")));
        assertTrue(c.privateKeyPem().startsWith("-----BEGIN PRIVATE KEY-----\n"));
    }
}
