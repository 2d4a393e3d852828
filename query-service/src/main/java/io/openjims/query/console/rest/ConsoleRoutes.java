package io.openjims.query.console.rest;

import io.openjims.query.console.config.ConsoleConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The console's routes: security headers on every {@code /console} answer (a strict Content-Security-Policy: only
 * this origin's scripts, styles and API calls, no inline script, no framing), and the same-origin proxy
 * {@code /console/api/collector/<path>} / {@code /console/api/push/<path>} to the configured admin APIs. The proxy
 * forwards the method, the body, {@code Authorization} and content headers; each service checks the token itself.
 * Only {@code /api/admin/...} paths are forwarded.
 */
@ApplicationScoped
public class ConsoleRoutes {

    private static final Logger LOG = Logger.getLogger(ConsoleRoutes.class);

    /** The console's Content-Security-Policy. */
    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static final String PREFIX = "/console/api/";
    private static final List<String> REQUEST_HEADERS = List.of("Authorization", "Content-Type", "Accept");
    private static final List<String> RESPONSE_HEADERS =
            List.of("Content-Type", "Content-Disposition", "Location", "Retry-After", "WWW-Authenticate", "Allow");

    private final ConsoleConfig config;
    private final Vertx vertx;
    private volatile HttpClient client;

    public ConsoleRoutes(ConsoleConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    void install(@Observes Router router) {
        router.route("/console").order(Integer.MIN_VALUE + 3).handler(ctx -> {
            // Vert.x matches "/console/" here too: only the bare path is redirected.
            if ("/console".equals(ctx.normalizedPath())) {
                ctx.redirect("/console/");
            } else {
                ctx.next();
            }
        });
        router.route("/console/*").order(Integer.MIN_VALUE + 3).handler(ConsoleRoutes::securityHeaders);
        router.route(PREFIX + "*")
                .order(Integer.MIN_VALUE + 4)
                .handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()))
                .handler(this::proxy);
    }

    static void securityHeaders(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cache-Control", "no-store");
        ctx.next();
    }

    private void proxy(RoutingContext ctx) {
        String rest = ctx.normalizedPath().substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String service = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash);
        Optional<String> base = switch (service) {
            case "collector" -> config.collectorUrl();
            case "push" -> config.pushUrl();
            default -> null;
        };
        if (base == null || !path.startsWith("/api/admin/")) {
            error(
                    ctx,
                    404,
                    "not_found",
                    "the console proxies /console/api/collector/api/admin/... and"
                            + " /console/api/push/api/admin/... only");
            return;
        }
        if (base.isEmpty() || base.get().isBlank()) {
            error(
                    ctx,
                    503,
                    "console_backend_not_configured",
                    "set openjims.query.console." + service + "-url (OPENJIMS_QUERY_CONSOLE_"
                            + service.toUpperCase(Locale.ROOT) + "_URL) on query-service");
            return;
        }
        URI target = URI.create(base.get().replaceAll("/+$", ""));
        String query = ctx.request().query();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(ctx.request().method().name()))
                .setAbsoluteURI(target + path + (query == null ? "" : "?" + query))
                .setTimeout(config.proxyTimeout().toMillis());
        for (String header : REQUEST_HEADERS) {
            String value = ctx.request().getHeader(header);
            if (value != null) {
                options.putHeader(header, value);
            }
        }
        Buffer body = ctx.body().buffer();
        httpClient()
                .request(options)
                .compose(request -> body == null ? request.send() : request.send(body))
                .compose(response -> response.body().map(content -> {
                    var out = ctx.response().setStatusCode(response.statusCode());
                    for (String header : RESPONSE_HEADERS) {
                        String value = response.getHeader(header);
                        if (value != null) {
                            out.putHeader(header, value);
                        }
                    }
                    out.end(content);
                    return content;
                }))
                .onFailure(failure -> {
                    LOG.warnf("Console proxy to %s failed: %s", target, failure.getMessage());
                    if (!ctx.response().headWritten()) {
                        error(ctx, 502, "bad_gateway", service + "-service did not answer: " + failure.getMessage());
                    }
                });
    }

    private HttpClient httpClient() {
        HttpClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    HttpClientOptions options = new HttpClientOptions()
                            .setVerifyHost(true)
                            .setConnectTimeout((int) Math.min(
                                    Integer.MAX_VALUE, config.proxyTimeout().toMillis()));
                    config.trustCaFile()
                            .filter(file -> !file.isBlank())
                            .ifPresent(file -> options.setTrustOptions(new PemTrustOptions().addCertPath(file)));
                    client = vertx.createHttpClient(options);
                }
                current = client;
            }
        }
        return current;
    }

    private static void error(RoutingContext ctx, int status, String code, String message) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(io.vertx.core.json.Json.encode(java.util.Map.of("error", code, "message", message)));
    }
}
