package io.openjims.push.support;

import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
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
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A private CA made in the test (BouncyCastle), issuing server and client certificates. */
public final class TestPki {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair caKeys;
    private final X509Certificate caCert;

    private TestPki(KeyPair caKeys, X509Certificate caCert) {
        this.caKeys = caKeys;
        this.caCert = caCert;
    }

    public static TestPki create(String name) {
        try {
            KeyPair keys = keyPair();
            X500Name subject = new X500Name("CN=" + name);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            subject, serial(), from(), until(), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new TestPki(keys, sign(builder, keys.getPrivate()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate for a server with these DNS names / IP addresses, or a client certificate. */
    public Issued issue(String commonName, List<String> names, boolean client) {
        try {
            KeyPair keys = keyPair();
            List<GeneralName> alt = new ArrayList<>();
            for (String n : names) {
                boolean ip = n.chars().allMatch(c -> Character.isDigit(c) || c == '.');
                alt.add(
                        ip
                                ? new GeneralName(
                                        GeneralName.iPAddress,
                                        InetAddress.getByName(n).getHostAddress())
                                : new GeneralName(GeneralName.dNSName, n));
            }
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            caCert, serial(), from(), until(), new X500Name("CN=" + commonName), keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(
                            Extension.extendedKeyUsage,
                            false,
                            new ExtendedKeyUsage(
                                    client ? KeyPurposeId.id_kp_clientAuth : KeyPurposeId.id_kp_serverAuth));
            if (!alt.isEmpty()) {
                builder.addExtension(
                        Extension.subjectAlternativeName, false, new GeneralNames(alt.toArray(new GeneralName[0])));
            }
            return new Issued(keys.getPrivate(), sign(builder, caKeys.getPrivate()), caCert);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String caPem() {
        return pem(caCert);
    }

    public X509Certificate caCert() {
        return caCert;
    }

    /** A key and certificate issued by the CA. */
    public record Issued(PrivateKey key, X509Certificate cert, X509Certificate ca) {

        public String certPem() {
            return pem(cert);
        }

        /** The key in unencrypted PKCS#8 PEM. */
        public String keyPem() {
            try {
                StringWriter out = new StringWriter();
                try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                    writer.writeObject(new JcaPKCS8Generator(key, null));
                }
                return out.toString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** A server TLS context presenting this certificate and trusting the CA (for client certificates). */
        public SSLContext serverContext() {
            try {
                char[] pw = "changeit".toCharArray();
                KeyStore keyStore = KeyStore.getInstance("PKCS12");
                keyStore.load(null, null);
                keyStore.setKeyEntry("server", key, pw, new X509Certificate[] {cert, ca});
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keyStore, pw);
                KeyStore trustStore = KeyStore.getInstance("PKCS12");
                trustStore.load(null, null);
                trustStore.setCertificateEntry("ca", ca);
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trustStore);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
                return context;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws Exception {
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key);
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM);
    }

    private static Date from() {
        return Date.from(Instant.now().minus(1, ChronoUnit.HOURS));
    }

    private static Date until() {
        return Date.from(Instant.now().plus(1, ChronoUnit.DAYS));
    }

    static String pem(Object object) {
        try {
            StringWriter out = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                writer.writeObject(object);
            }
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
