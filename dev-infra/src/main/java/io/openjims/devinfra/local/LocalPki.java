package io.openjims.devinfra.local;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The local stack's keys, generated once into a directory and reused on the next start: a private CA, a server
 * certificate for {@code localhost}, {@code 127.0.0.1} and {@code ::1} signed by it, and an RS256 key pair for the
 * JWT tokens. All files are PEM; private keys are PKCS#8 and readable by the owner only.
 */
public final class LocalPki {

    private static final String SIGNATURE = "SHA256withRSA";
    private static final Duration VALIDITY = Duration.ofDays(825);

    private final Path caCertificate;
    private final Path serverCertificate;
    private final Path serverKey;
    private final Path jwtPublicKey;
    private final Path jwtPrivateKey;

    private LocalPki(Path tlsDirectory, Path jwtDirectory) {
        this.caCertificate = tlsDirectory.resolve("ca.crt");
        this.serverCertificate = tlsDirectory.resolve("server.crt");
        this.serverKey = tlsDirectory.resolve("server.key");
        this.jwtPublicKey = jwtDirectory.resolve("publicKey.pem");
        this.jwtPrivateKey = jwtDirectory.resolve("privateKey.pem");
    }

    /** Loads the keys under {@code directory} ({@code tls/} and {@code jwt/}), generating whatever is missing. */
    public static LocalPki loadOrCreate(Path directory) {
        LocalPki pki = new LocalPki(directory.resolve("tls"), directory.resolve("jwt"));
        try {
            pki.createTlsIfMissing(directory.resolve("tls"));
            pki.createJwtIfMissing(directory.resolve("jwt"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write keys under " + directory, e);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("Could not generate keys", e);
        }
        return pki;
    }

    public Path caCertificate() {
        return caCertificate;
    }

    public Path serverCertificate() {
        return serverCertificate;
    }

    public Path serverKey() {
        return serverKey;
    }

    public Path jwtPublicKey() {
        return jwtPublicKey;
    }

    public Path jwtPrivateKey() {
        return jwtPrivateKey;
    }

    /** The CA certificate in PEM form (for {@code ca_pem} fields and clients). */
    public String caPem() {
        return read(caCertificate);
    }

    /** A client SSL context that trusts only the local CA. */
    public SSLContext clientContext() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("openjims-local-ca", readCertificate(caCertificate));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Could not build an SSL context for the local CA", e);
        }
    }

    /** A server SSL context that presents the localhost certificate (e.g. for a test HTTPS receiver). */
    public SSLContext serverContext() {
        try {
            char[] password = "local".toCharArray();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", readPrivateKey(serverKey), password, new X509Certificate[] {
                readCertificate(serverCertificate), readCertificate(caCertificate)
            });
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Could not build a server SSL context", e);
        }
    }

    private void createTlsIfMissing(Path directory)
            throws IOException, GeneralSecurityException, org.bouncycastle.operator.OperatorCreationException {
        if (Files.exists(caCertificate) && Files.exists(serverCertificate) && Files.exists(serverKey)) {
            return;
        }
        Files.createDirectories(directory);
        KeyPair caKeys = rsa(2048);
        X500Name caName = new X500Name("CN=OpenJIMS local CA,O=OpenJIMS");
        Instant now = Instant.now();
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(
                        caName,
                        serial(),
                        Date.from(now.minus(Duration.ofHours(1))),
                        Date.from(now.plus(VALIDITY.multipliedBy(2))),
                        caName,
                        caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(
                        Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(caKeys.getPublic()));
        X509Certificate caCert = sign(ca, caKeys.getPrivate());

        KeyPair serverKeys = rsa(2048);
        X509v3CertificateBuilder server = new JcaX509v3CertificateBuilder(
                        caCert,
                        serial(),
                        Date.from(now.minus(Duration.ofHours(1))),
                        Date.from(now.plus(VALIDITY)),
                        new X500Name("CN=localhost,O=OpenJIMS"),
                        serverKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(
                        Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                    KeyPurposeId.id_kp_serverAuth
                }))
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.iPAddress, "::1")
                }))
                .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(caCert))
                .addExtension(
                        Extension.subjectKeyIdentifier,
                        false,
                        utils.createSubjectKeyIdentifier(serverKeys.getPublic()));
        X509Certificate serverCert = sign(server, caKeys.getPrivate());

        writePrivate(directory.resolve("ca.key"), pem(caKeys.getPrivate()));
        Files.writeString(caCertificate, pem(caCert));
        writePrivate(serverKey, pem(serverKeys.getPrivate()));
        // The chain: leaf first, then the CA, so clients that only know the CA can verify it.
        Files.writeString(serverCertificate, pem(serverCert) + pem(caCert));
    }

    private void createJwtIfMissing(Path directory) throws IOException, GeneralSecurityException {
        if (Files.exists(jwtPublicKey) && Files.exists(jwtPrivateKey)) {
            return;
        }
        Files.createDirectories(directory);
        KeyPair keys = rsa(2048);
        writePrivate(jwtPrivateKey, pem(keys.getPrivate()));
        Files.writeString(jwtPublicKey, pem(keys.getPublic()));
    }

    private static KeyPair rsa(int bits) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws org.bouncycastle.operator.OperatorCreationException, GeneralSecurityException {
        ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(key);
        X509CertificateHolder holder = builder.build(signer);
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            if (object instanceof PrivateKey key) {
                // PKCS#8 ("BEGIN PRIVATE KEY"), which Quarkus, smallrye-jwt and OpenSSL all read.
                writer.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
            } else {
                writer.writeObject(object);
            }
        }
        return out.toString();
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
    }

    private static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
        try (PEMParser parser = new PEMParser(new StringReader(read(file)))) {
            Object object = parser.readObject();
            return new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) object);
        }
    }

    private static PrivateKey readPrivateKey(Path file) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(read(file)))) {
            Object object = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (object instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            return converter.getPrivateKey((org.bouncycastle.asn1.pkcs.PrivateKeyInfo) object);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }
}
