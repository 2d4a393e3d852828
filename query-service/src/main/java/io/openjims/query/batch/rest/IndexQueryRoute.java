package io.openjims.query.batch.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.query.auth.service.ClientActivity;
import io.openjims.query.batch.config.SrxApiConfig;
import io.openjims.query.batch.model.ItemsResponse;
import io.openjims.query.batch.service.QueryRequest;
import io.openjims.query.batch.service.QueryRequestParser;
import io.openjims.query.batch.service.UserQueryService;
import io.openjims.support.jwt.VerifyingJwtParser;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Answers IP and user queries the {@link io.openjims.query.batch.service.SessionIndex} serves straight on the event
 * loop, before Quarkus' HTTP authentication and RESTEasy: the same answer as {@link UserQueryResource} at a third of
 * the cost (docs/benchmarks.md). The bearer token is checked by the {@link VerifyingJwtParser} Quarkus' JWT
 * authentication uses (kid, signature, issuer, audience, expiry, revocation), the role is {@code srx}; a token that
 * fails gets the usual 401 {@code invalid_token} / 403 {@code forbidden} from the security failure handler.
 *
 * <p>The body is read with {@link QueryRequestParser#parseIpOrUser} (a streaming parser). Everything else goes on to
 * the resource unchanged, with the body already read: batch queries, bodies that do not parse (the resource names
 * the errors), no or another kind of credentials, bodies without a small {@code Content-Length} or in another charset
 * than UTF-8, HTTP/2 requests, and every query while the index is not serving.
 */
@ApplicationScoped
public class IndexQueryRoute {

    /** Larger bodies (no SRX query is near) take the resource's path, with its body limits. */
    static final int MAX_BODY = 8192;

    /** Between CORS and authentication: the route does its own bearer check. */
    static final int ORDER = -(SecurityHandlerPriorities.AUTHENTICATION + SecurityHandlerPriorities.CORS) / 2;

    private static final String BEARER = "Bearer ";
    private static final String JSON = "application/json;charset=UTF-8";

    private final UserQueryService service;
    private final VerifyingJwtParser tokens;
    private final ClientActivity activity;
    private final ObjectMapper mapper;
    private final String queryApi;
    private final Counter answered;

    public IndexQueryRoute(
            UserQueryService service,
            VerifyingJwtParser tokens,
            ClientActivity activity,
            ObjectMapper mapper,
            SrxApiConfig config,
            MeterRegistry registry) {
        this.answered = Counter.builder("openjims.query.srx.event_loop_answers")
                .description("IP and user queries answered on the event loop from the session index")
                .register(registry);
        this.service = service;
        this.tokens = tokens;
        this.activity = activity;
        this.mapper = mapper;
        this.queryApi = QueryApiRoute.pathOf(config);
    }

    void register(@Observes Router router) {
        router.post(UserQueryResource.PATH).order(ORDER).handler(this::handle);
        if (!queryApi.equals(UserQueryResource.PATH)) {
            router.post(queryApi).order(ORDER).handler(this::handle);
        }
    }

    void handle(RoutingContext rc) {
        String token = bearer(rc.request().getHeader(HttpHeaders.AUTHORIZATION));
        long length = contentLength(rc.request().getHeader(HttpHeaders.CONTENT_LENGTH));
        if (token == null
                || length < 0
                || length > MAX_BODY
                || rc.request().version() == HttpVersion.HTTP_2
                || rc.body().buffer() != null) {
            // Not ours, or already passed on once (a reroute of the query-api path). HTTP/2: RESTEasy cannot take
            // over an HTTP/2 request whose body was read (it pauses the ended stream: "Request has already been read").
            rc.next();
            return;
        }
        rc.request().body().onComplete(read -> {
            if (read.failed()) {
                rc.fail(read.cause());
            } else {
                answer(rc, token, read.result());
            }
        });
        rc.request().resume(); // Quarkus pauses each request until a handler reads it
    }

    private void answer(RoutingContext rc, String token, Buffer body) {
        JsonWebToken jwt;
        try {
            jwt = tokens.parse(token);
        } catch (ParseException e) {
            rc.fail(new AuthenticationFailedException(e));
            return;
        }
        if (!jwt.getGroups().contains(SrxClaims.ROLE)) {
            rc.fail(new ForbiddenException());
            return;
        }
        byte[] json = null;
        try {
            QueryRequest request = utf8(rc) ? QueryRequestParser.parseIpOrUser(body.getBytes()) : null;
            ItemsResponse answer = request == null ? null : service.fromIndex(request, SrxClaims.allowedDomains(jwt));
            if (answer != null) {
                json = mapper.writeValueAsBytes(answer);
            }
        } catch (Exception e) {
            // Anything unexpected: the resource answers it as it always did.
        }
        if (json == null) {
            rc.setBody(body);
            rc.next();
            return;
        }
        activity.seen(SrxClaims.clientId(jwt));
        answered.increment();
        rc.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(Buffer.buffer(json));
    }

    /** The token of an {@code Authorization: Bearer <token>} header, or null for anything else. */
    static String bearer(String authorization) {
        if (authorization == null || !authorization.startsWith(BEARER)) {
            return null;
        }
        String token = authorization.substring(BEARER.length());
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean jwtChar = (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.';
            if (!jwtChar) {
                return null; // spaces, padding, ...: Quarkus' own extraction decides
            }
        }
        return token.isEmpty() ? null : token;
    }

    /** The body is UTF-8 (the default), as the resource would decode it. */
    private static boolean utf8(RoutingContext rc) {
        String type = rc.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null || !type.contains("charset")) {
            return true;
        }
        String lower = type.toLowerCase(Locale.ROOT).replace(" ", "");
        return lower.contains("charset=utf-8") || lower.contains("charset=\"utf-8\"");
    }

    private static long contentLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
