package io.openjims.cli.session;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.openjims.cli.core.Service;
import java.time.Instant;

/**
 * What {@code openjims login} keeps: the three service URLs, the CA file, the client id and secret and the current
 * token with its expiry. Stored in a 0600 file ({@link SessionStore}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Session(
        @JsonProperty("query_url") String queryUrl,
        @JsonProperty("collector_url") String collectorUrl,
        @JsonProperty("push_url") String pushUrl,
        @JsonProperty("ca_file") String caFile,
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_secret") String clientSecret,
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("expires_at") String expiresAt) {

    public String url(Service service) {
        return switch (service) {
            case QUERY -> queryUrl;
            case COLLECTOR -> collectorUrl;
            case PUSH -> pushUrl;
        };
    }

    public Session withToken(String token, Instant expires) {
        return new Session(queryUrl, collectorUrl, pushUrl, caFile, clientId, clientSecret, token, expires.toString());
    }

    /** When the token expires; null when unknown (then it is fetched anew). */
    public Instant tokenExpiry() {
        try {
            return expiresAt == null ? null : Instant.parse(expiresAt);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Never the secret or the token. */
    @Override
    public String toString() {
        return "Session[" + queryUrl + ", client " + clientId + "]";
    }
}
