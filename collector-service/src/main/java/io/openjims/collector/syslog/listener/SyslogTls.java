package io.openjims.collector.syslog.listener;

import io.openjims.collector.syslog.config.SyslogConfig.ClientAuthMode;
import io.openjims.collector.syslog.service.SyslogCounters.HandshakeFailure;
import io.openjims.support.tls.Pem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The TLS listener's server certificate: PEM files from configuration, or (local runs, tests) a self-signed RSA
 * certificate generated at start with BouncyCastle, valid for one year for the host name, {@code localhost} and
 * {@code 127.0.0.1}. Its SHA-256 fingerprint is logged so senders can pin it. Client certificates (mutual TLS) are
 * checked against the CA bundle of {@code tls.client-ca-file}.
 */
final class SyslogTls {

    private final PemKeyCertOptions options;
    private final String certificatePem;
    private final String fingerprint;

    private SyslogTls(PemKeyCertOptions options, String certificatePem, String fingerprint) {
        this.options = options;
        this.certificatePem = certificatePem;
        this.fingerprint = fingerprint;
    }

    static SyslogTls from(Optional<String> certFile, Optional<String> keyFile) {
        if (certFile.isPresent() != keyFile.isPresent()) {
            throw new IllegalStateException(
                    "Set both openjims.collector.syslog.tls.cert-file and key-file, or neither (self-signed)");
        }
        if (certFile.isPresent()) {
            PemKeyCertOptions options =
                    new PemKeyCertOptions().setCertPath(certFile.get()).setKeyPath(keyFile.get());
            return new SyslogTls(options, null, "from " + certFile.get());
        }
        return selfSigned();
    }

    /**
     * Sets the client certificate policy on the TLS listener's options: with a CA bundle, {@code required} unless the
     * mode says otherwise. Throws IllegalStateException (naming the setting) for a mode without a bundle or a bundle
     * that holds no readable certificate. Returns a description for the start log.
     */
    static String clientAuthentication(
            NetServerOptions options, Optional<String> caFile, Optional<ClientAuthMode> wanted) {
        ClientAuthMode mode = wanted.orElse(caFile.isPresent() ? ClientAuthMode.REQUIRED : ClientAuthMode.NONE);
        if (mode == ClientAuthMode.NONE) {
            options.setClientAuth(ClientAuth.NONE);
            return caFile.isPresent() ? "none (client-auth=none: tls.client-ca-file is not used)" : "none";
        }
        if (caFile.isEmpty()) {
            throw new IllegalStateException("openjims.collector.syslog.tls.client-auth="
                    + mode.name().toLowerCase(Locale.ROOT)
                    + " needs openjims.collector.syslog.tls.client-ca-file (PEM CA certificates)");
        }
        String pem;
        try {
            pem = Files.readString(Path.of(caFile.get()), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "openjims.collector.syslog.tls.client-ca-file " + caFile.get() + " cannot be read: " + e, e);
        }
        List<X509Certificate> cas;
        try {
            cas = Pem.certificates(pem);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "openjims.collector.syslog.tls.client-ca-file " + caFile.get() + ": " + e.getMessage(), e);
        }
        options.setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(pem)));
        options.setClientAuth(mode == ClientAuthMode.REQUIRED ? ClientAuth.REQUIRED : ClientAuth.REQUEST);
        return mode.name().toLowerCase(Locale.ROOT) + ", issued by "
                + cas.stream()
                        .map(ca -> ca.getSubjectX500Principal().getName())
                        .collect(Collectors.joining("; ", "[", "]"));
    }

    /** Why a handshake failed, from the exception the TLS engine raised. */
    static HandshakeFailure handshakeFailure(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        boolean tls = false;
        for (Throwable t = failure; t != null && messages.length() < 4096; t = t.getCause()) {
            tls |= t instanceof SSLException;
            messages.append(' ').append(t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        String text = messages.toString().toLowerCase(Locale.ROOT);
        if (text.contains("empty client certificate chain")
                || text.contains("certificate_required")
                || text.contains("peer not authenticated")) {
            return HandshakeFailure.NO_CLIENT_CERTIFICATE;
        }
        if (tls
                && (text.contains("pkix")
                        || text.contains("certpath")
                        || text.contains("certificate_unknown")
                        || text.contains("unable to find valid certification path")
                        || text.contains("validity check failed")
                        || text.contains("certificate expired")
                        || text.contains("not trusted"))) {
            return HandshakeFailure.UNTRUSTED_CLIENT_CERTIFICATE;
        }
        return HandshakeFailure.OTHER;
    }

    PemKeyCertOptions options() {
        return options;
    }

    /** The generated certificate in PEM form; null when it came from files. */
    String certificatePem() {
        return certificatePem;
    }

    String fingerprint() {
        return fingerprint;
    }

    private static SyslogTls selfSigned() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            String host = hostName();
            X500Name subject = new X500Name("CN=" + host.replaceAll("[,=+<>#;\"\\\\]", "") + ",O=OpenJIMS syslog");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    subject,
                    new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(365))),
                    subject,
                    keys.getPublic());
            List<GeneralName> names = new ArrayList<>();
            names.add(new GeneralName(GeneralName.dNSName, "localhost"));
            names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
            if (!"localhost".equals(host) && host.matches("[A-Za-z0-9.-]+")) {
                names.add(new GeneralName(GeneralName.dNSName, host));
            }
            builder.addExtension(
                    Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(
                    Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
            String certPem = pem("CERTIFICATE", certificate.getEncoded());
            String keyPem = pem("PRIVATE KEY", keys.getPrivate().getEncoded());
            PemKeyCertOptions options =
                    new PemKeyCertOptions().setCertValue(Buffer.buffer(certPem)).setKeyValue(Buffer.buffer(keyPem));
            String fingerprint = HexFormat.ofDelimiter(":")
                    .withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
            return new SyslogTls(options, certPem, fingerprint);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot generate the self-signed syslog TLS certificate", e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
