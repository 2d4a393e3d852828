package io.openjims.query.batch.rest;

import io.openjims.query.auth.service.TokenIssuer;
import jakarta.json.JsonString;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** What an SRX query takes from the caller's verified token: its client id and the domains it may see. */
final class SrxClaims {

    /** The role a token needs to query. */
    static final String ROLE = "srx";

    private SrxClaims() {}

    /** The DNS domains the client may see, from the token's domains claim; empty = every domain. */
    static Set<String> allowedDomains(JsonWebToken token) {
        Object claim = token.getClaim(TokenIssuer.DOMAINS_CLAIM);
        if (!(claim instanceof Collection<?> values) || values.isEmpty()) {
            return Set.of();
        }
        Set<String> allowed = new HashSet<>();
        for (Object v : values) {
            String name = v instanceof JsonString s ? s.getString() : String.valueOf(v);
            allowed.add(name.toLowerCase(Locale.ROOT));
        }
        return allowed;
    }

    /** The API client: the token's subject (its client_id). */
    static String clientId(JsonWebToken token) {
        String sub = token.getSubject();
        if (sub == null || sub.isBlank()) {
            Object claim = token.getClaim("client_id");
            sub = claim == null ? token.getName() : claim.toString();
        }
        return sub == null ? "" : sub;
    }
}
