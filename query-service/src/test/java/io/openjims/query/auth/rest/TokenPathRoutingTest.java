package io.openjims.query.auth.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The configurable token path, on a real Vert.x HTTP server with a stand-in for the token resource. */
class TokenPathRoutingTest {

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aConfiguredPathReachesTheTokenEndpointAndTheDefaultPathIsHidden() throws Exception {
        Router router = Router.router(vertx);
        assertThat(TokenPathRouting.install(router, "/api/jims/token", TokenResource.DEFAULT_PATH))
                .isTrue();
        router.route(TokenResource.DEFAULT_PATH)
                .handler(ctx -> ctx.response().end("token for " + ctx.request().method()));
        int port = start(router);

        HttpResponse<String> configured = post(port, "/api/jims/token");
        assertThat(configured.statusCode()).isEqualTo(200);
        assertThat(configured.body()).isEqualTo("token for POST");

        HttpResponse<String> hidden = post(port, TokenResource.DEFAULT_PATH);
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(hidden.body()).contains("\"error\":\"not_found\"").contains("/api/jims/token");
    }

    @Test
    void theDefaultSettingChangesNothing() {
        Router router = Router.router(vertx);
        assertThat(TokenPathRouting.install(
                        router, TokenPathRouting.configuredPath("/oauth_token/oauth/"), TokenResource.DEFAULT_PATH))
                .isFalse();
        assertThat(router.getRoutes()).isEmpty();
    }

    @Test
    void settingsAreNormalisedAndChecked() {
        assertThat(TokenPathRouting.configuredPath("jims/token")).isEqualTo("/api/jims/token");
        assertThatThrownBy(() -> TokenPathRouting.configuredPath("/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenPathRouting.configuredPath("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenPathRouting.configuredPath("a//b")).isInstanceOf(IllegalArgumentException.class);
    }

    private int start(Router router) throws Exception {
        HttpServer server = vertx.createHttpServer()
                .requestHandler(router)
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        return server.actualPort();
    }

    private HttpResponse<String> post(int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
