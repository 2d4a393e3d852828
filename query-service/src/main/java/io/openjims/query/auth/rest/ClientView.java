package io.openjims.query.auth.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.openjims.query.auth.service.ApiClient;
import java.time.Instant;
import java.util.List;

/** An API client as listed by the admin API; never contains the secret. */
public record ClientView(
        @JsonProperty("client_id") String clientId,
        @JsonProperty("name") String name,
        @JsonProperty("roles") List<String> roles,
        @JsonProperty("origin") String origin,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("secret_changed_at") Instant secretChangedAt,
        @JsonProperty("domains") List<String> domains,
        @JsonProperty("last_seen_at") Instant lastSeenAt) {

    static ClientView of(ApiClient client) {
        return new ClientView(
                client.clientId(),
                client.name(),
                client.roles(),
                client.origin(),
                client.createdAt(),
                client.secretChangedAt(),
                client.domains(),
                client.lastSeenAt());
    }
}
