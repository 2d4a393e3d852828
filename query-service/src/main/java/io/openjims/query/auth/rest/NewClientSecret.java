package io.openjims.query.auth.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.openjims.query.auth.service.ClientSecret;
import java.time.Instant;
import java.util.List;

/** Answer of client creation and secret rotation: the only time the secret is shown. */
public record NewClientSecret(
        @JsonProperty("client_id") String clientId,
        @JsonProperty("client_secret") String clientSecret,
        @JsonProperty("name") String name,
        @JsonProperty("roles") List<String> roles,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("secret_changed_at") Instant secretChangedAt,
        @JsonProperty("domains") List<String> domains) {

    static NewClientSecret of(ClientSecret issued) {
        return new NewClientSecret(
                issued.client().clientId(),
                issued.secret(),
                issued.client().name(),
                issued.client().roles(),
                issued.client().createdAt(),
                issued.client().secretChangedAt(),
                issued.client().domains());
    }
}
