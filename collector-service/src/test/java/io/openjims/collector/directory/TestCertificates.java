package io.openjims.collector.directory;

import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLServerSocketFactory;

/**
 * A private CA and a server certificate for 127.0.0.1 / localhost signed by it, made with the JDK's keytool (a real
 * PKI, no mocks); plus a second, unrelated CA for the "wrong CA" case.
 */
public final class TestCertificates {

    private static final String PASSWORD = "changeit";

    public final String caPem;
    public final String otherCaPem;
    public final Path serverKeyStore;

    private TestCertificates(String caPem, String otherCaPem, Path serverKeyStore) {
        this.caPem = caPem;
        this.otherCaPem = otherCaPem;
        this.serverKeyStore = serverKeyStore;
    }

    public static TestCertificates create() throws Exception {
        Path dir = Files.createTempDirectory("openjims-directory-tls");
        Path ca = dir.resolve("ca.p12");
        Path other = dir.resolve("other.p12");
        Path server = dir.resolve("server.p12");
        keytool(
                dir,
                "-genkeypair",
                "-alias",
                "ca",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=OpenJIMS Test CA",
                "-ext",
                "bc:c",
                "-validity",
                "30",
                "-keystore",
                ca.toString());
        keytool(
                dir,
                "-genkeypair",
                "-alias",
                "ca",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=Unrelated CA",
                "-ext",
                "bc:c",
                "-validity",
                "30",
                "-keystore",
                other.toString());
        String caPem = keytool(dir, "-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString());
        String otherPem = keytool(dir, "-exportcert", "-rfc", "-alias", "ca", "-keystore", other.toString());
        keytool(
                dir,
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=localhost",
                "-validity",
                "30",
                "-keystore",
                server.toString());
        Path csr = dir.resolve("server.csr");
        keytool(dir, "-certreq", "-alias", "server", "-keystore", server.toString(), "-file", csr.toString());
        Path signed = dir.resolve("server.pem");
        keytool(
                dir,
                "-gencert",
                "-alias",
                "ca",
                "-keystore",
                ca.toString(),
                "-infile",
                csr.toString(),
                "-outfile",
                signed.toString(),
                "-rfc",
                "-validity",
                "30",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1");
        Path caFile = dir.resolve("ca.pem");
        Files.writeString(caFile, caPem);
        keytool(
                dir,
                "-importcert",
                "-noprompt",
                "-alias",
                "ca",
                "-file",
                caFile.toString(),
                "-keystore",
                server.toString());
        keytool(
                dir,
                "-importcert",
                "-noprompt",
                "-alias",
                "server",
                "-file",
                signed.toString(),
                "-keystore",
                server.toString());
        return new TestCertificates(caPem, otherPem, server);
    }

    public SSLServerSocketFactory serverSocketFactory() throws Exception {
        SSLUtil ssl = new SSLUtil(
                new KeyStoreKeyManager(serverKeyStore.toFile(), PASSWORD.toCharArray(), "PKCS12", "server"),
                new TrustAllTrustManager());
        return ssl.createSSLServerSocketFactory();
    }

    private static String keytool(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", PASSWORD, "-storetype", "PKCS12"));
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }
}
