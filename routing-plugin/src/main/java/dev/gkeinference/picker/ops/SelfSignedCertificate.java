package dev.gkeinference.picker.ops;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * A self-signed X.509 certificate (EC P-256, SHA256withECDSA) made at startup, as the reference EPP does when no
 * {@code --cert-path} is given. The JDK has no public API to build certificates, so this encodes the DER of the
 * (small, fixed-shape) TBSCertificate directly; the gateway does not validate it (empty validation context).
 */
public final class SelfSignedCertificate {

    private static final byte[] OID_ECDSA_SHA256 = {0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x04, 0x03, 0x02};
    private static final byte[] OID_COMMON_NAME = {0x55, 0x04, 0x03};
    private static final byte[] OID_SUBJECT_ALT_NAME = {0x55, 0x1D, 0x11};
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");

    private final String certificatePem;
    private final String privateKeyPem;

    private SelfSignedCertificate(String certificatePem, String privateKeyPem) {
        this.certificatePem = certificatePem;
        this.privateKeyPem = privateKeyPem;
    }

    public static SelfSignedCertificate generate(String commonName) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        KeyPair keys = generator.generateKeyPair();
        byte[] tbs = tbsCertificate(commonName, keys);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update(tbs);
        byte[] certificate = sequence(tbs, algorithm(), bitString(signer.sign()));
        return new SelfSignedCertificate(pem("CERTIFICATE", certificate), pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    }

    public String certificatePem() {
        return certificatePem;
    }

    public String privateKeyPem() {
        return privateKeyPem;
    }

    private static byte[] tbsCertificate(String commonName, KeyPair keys) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(5);
        byte[] name = name(commonName);
        byte[] version = tagged(0xA0, tlv(0x02, new byte[] {2}));
        byte[] serial = tlv(0x02, new BigInteger(63, new SecureRandom()).add(BigInteger.ONE).toByteArray());
        byte[] validity = sequence(utcTime(now), utcTime(now.plusYears(10)));
        byte[] extensions = tagged(0xA3, sequence(subjectAltNames()));
        return sequence(version, serial, algorithm(), name, validity, name, keys.getPublic().getEncoded(), extensions);
    }

    private static byte[] name(String commonName) {
        byte[] attribute = sequence(tlv(0x06, OID_COMMON_NAME), tlv(0x0C, commonName.getBytes(StandardCharsets.UTF_8)));
        return sequence(tlv(0x31, attribute));
    }

    /** SAN: DNS localhost and IP 127.0.0.1, so clients that do check hostnames can still connect locally. */
    private static byte[] subjectAltNames() {
        byte[] names = sequence(tlv(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)),
                tlv(0x87, new byte[] {127, 0, 0, 1}));
        return sequence(tlv(0x06, OID_SUBJECT_ALT_NAME), tlv(0x04, names));
    }

    private static byte[] algorithm() {
        return sequence(tlv(0x06, OID_ECDSA_SHA256));
    }

    private static byte[] utcTime(ZonedDateTime t) {
        return tlv(0x17, UTC_TIME.format(t).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] bitString(byte[] bits) {
        byte[] content = new byte[bits.length + 1];
        System.arraycopy(bits, 0, content, 1, bits.length);
        return tlv(0x03, content);
    }

    private static byte[] tagged(int tag, byte[] inner) {
        return tlv(tag, inner);
    }

    private static byte[] sequence(byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            content.writeBytes(p);
        }
        return tlv(0x30, content.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 4);
        out.write(tag);
        int len = content.length;
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len & 0xFF);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
