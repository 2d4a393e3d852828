package io.openjims.support.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.openjims.support.http.TlsEngineConfig.Engine;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real HTTPS server (Vert.x, as Quarkus runs it) with the options {@link TlsEngineCustomizer} sets answers a real
 * HTTPS request with each engine, and the server-side TLS session shows which engine handled it.
 */
class TlsEngineCustomizerTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;

    private static Vertx vertx;
    private static Path keystore;
    private static HttpClient client;

    @BeforeAll
    static void setUp() throws Exception {
        vertx = Vertx.vertx();
        keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "server",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "SAN=dns:localhost,ip:127.0.0.1",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        PASSWORD)
                .redirectErrorStream(true)
                .start();
        String out = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(out).isZero();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trust.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        client = HttpClient.newBuilder()
                .sslContext(ssl)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterAll
    static void tearDown() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void jdkEngineServesHttps() throws Exception {
        assertThat(serve(Engine.JDK)).doesNotContainIgnoringCase("openssl");
    }

    @Test
    void openSslEngineServesHttps() throws Exception {
        // The build bundles BoringSSL for linux-x86_64, the platform of the images and of CI.
        assertThat(io.netty.handler.ssl.OpenSsl.isAvailable())
                .as("netty-tcnative loads: %s", io.netty.handler.ssl.OpenSsl.unavailabilityCause())
                .isTrue();
        assertThat(serve(Engine.OPENSSL)).containsIgnoringCase("openssl");
    }

    /** Starts an HTTPS server with the engine set by the customizer; returns its TLS session's class name. */
    private static String serve(Engine engine) throws Exception {
        HttpServerOptions options = new HttpServerOptions()
                .setSsl(true)
                .setHost("127.0.0.1")
                .setPort(0)
                .setKeyCertOptions(new PfxOptions().setPath(keystore.toString()).setPassword(PASSWORD));
        assertThat(TlsEngineCustomizer.apply(engine, options)).isEqualTo(engine);
        HttpServer server = vertx.createHttpServer(options)
                .requestHandler(request -> request.response()
                        .end(request.sslSession().getProtocol() + " "
                                + request.sslSession().getClass().getName()))
                .listen()
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + server.actualPort() + "/"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).startsWith("TLSv1.3 ");
            return response.body();
        } finally {
            server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
