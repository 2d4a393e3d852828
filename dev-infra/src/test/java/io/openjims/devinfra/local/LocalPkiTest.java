package io.openjims.devinfra.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPkiTest {

    @TempDir
    Path directory;

    @Test
    void generatesOnceAndReusesTheKeys() throws Exception {
        LocalPki first = LocalPki.loadOrCreate(directory);
        String ca = Files.readString(first.caCertificate());
        String jwt = Files.readString(first.jwtPrivateKey());
        LocalPki second = LocalPki.loadOrCreate(directory);
        assertThat(Files.readString(second.caCertificate())).isEqualTo(ca);
        assertThat(Files.readString(second.jwtPrivateKey())).isEqualTo(jwt);
        assertThat(jwt).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(second.jwtPublicKey())).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(Files.readString(second.serverKey())).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.getPosixFilePermissions(second.serverKey()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void aClientTrustingOnlyTheLocalCaVerifiesTheLocalhostCertificate() throws Exception {
        LocalPki pki = LocalPki.loadOrCreate(directory);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(pki.serverContext()));
        server.createContext("/", exchange -> {
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            HttpClient client =
                    HttpClient.newBuilder().sslContext(pki.clientContext()).build();
            for (String host : new String[] {"localhost", "127.0.0.1"}) {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(URI.create("https://" + host + ":"
                                        + server.getAddress().getPort() + "/"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.body()).isEqualTo("hello");
            }
        } finally {
            server.stop(0);
        }
    }
}
