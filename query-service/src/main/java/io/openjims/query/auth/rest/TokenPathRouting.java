package io.openjims.query.auth.rest;

import io.openjims.query.auth.service.AuthConfig;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Serves the token endpoint at {@code /api/<token-api>} when that setting differs from the default: requests to the
 * configured path are re-routed to {@link TokenResource#DEFAULT_PATH}, and direct requests to the default path get
 * 404, so exactly one path answers.
 */
@ApplicationScoped
public class TokenPathRouting {

    private static final Logger LOG = Logger.getLogger(TokenPathRouting.class);
    static final String REROUTED = "openjims.token-rerouted";

    private final AuthConfig config;

    public TokenPathRouting(AuthConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        String path = configuredPath(config.tokenApi());
        if (install(router, path, TokenResource.DEFAULT_PATH)) {
            LOG.infof("Token endpoint served at %s", path);
        }
    }

    /** "/api/" + the setting without leading or trailing slashes. */
    static String configuredPath(String tokenApi) {
        String trimmed = tokenApi.strip().replaceAll("^/+|/+$", "");
        if (trimmed.isEmpty() || !trimmed.matches("[A-Za-z0-9._~/-]+") || trimmed.contains("//")) {
            throw new IllegalArgumentException("openjims.query.auth.token-api must be a path after /api/ such as"
                    + " oauth_token/oauth, not \"" + tokenApi + "\"");
        }
        return "/api/" + trimmed;
    }

    /** Returns false (and changes nothing) when the configured path is the default one. */
    static boolean install(Router router, String configuredPath, String defaultPath) {
        if (configuredPath.equals(defaultPath)) {
            return false;
        }
        router.route(configuredPath).order(Integer.MIN_VALUE + 1).handler(ctx -> {
            ctx.put(REROUTED, Boolean.TRUE);
            ctx.reroute(defaultPath);
        });
        router.route(defaultPath).order(Integer.MIN_VALUE + 2).handler(ctx -> {
            if (Boolean.TRUE.equals(ctx.get(REROUTED))) {
                ctx.next();
            } else {
                ctx.response()
                        .setStatusCode(404)
                        .putHeader("Content-Type", "application/json")
                        .end("{\"error\":\"not_found\",\"message\":\"the token endpoint is at " + configuredPath
                                + "\"}");
            }
        });
        return true;
    }
}
