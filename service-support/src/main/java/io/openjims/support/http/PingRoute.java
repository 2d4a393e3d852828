package io.openjims.support.http;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code GET /ping} on the API port (HTTPS in production): answers {@code 200 pong} on the event loop, without
 * authentication, database or Kafka. The cheapest answer the API server can give, for benchmarks (the trivial
 * endpoint beside a query) and TLS checks; health stays on the management interface.
 */
@ApplicationScoped
public class PingRoute {

    public static final String PATH = "/ping";

    void install(@Observes Router router) {
        router.get(PATH)
                .order(-20)
                .handler(rc ->
                        rc.response().putHeader("Content-Type", "text/plain").end("pong"));
    }
}
