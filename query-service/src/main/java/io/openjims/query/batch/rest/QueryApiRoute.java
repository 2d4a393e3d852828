package io.openjims.query.batch.rest;

import io.openjims.query.batch.config.SrxApiConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Makes the SRX query endpoint answer at {@code /api/<query-api>} ({@code openjims.query.srx.query-api}, default
 * {@code user_query/v2}) by rerouting that path to the resource.
 */
@ApplicationScoped
public class QueryApiRoute {

    private final String queryApi;

    public QueryApiRoute(SrxApiConfig config) {
        this.queryApi = pathOf(config);
    }

    /** The configured query path, {@code /api/<query-api>}. */
    static String pathOf(SrxApiConfig config) {
        return "/api/" + config.queryApi().replaceAll("^/+", "");
    }

    void register(@Observes Router router) {
        String path = queryApi;
        if (!path.equals(UserQueryResource.PATH)) {
            router.post(path).order(-10).handler(rc -> rc.reroute(HttpMethod.POST, UserQueryResource.PATH));
        }
    }
}
