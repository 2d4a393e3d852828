package io.openjims.query.auth.service;

import io.openjims.query.auth.repository.ApiClientEntity;
import java.time.Instant;
import java.util.List;

/** An API client as the service sees it; never carries the secret or its hash. */
public record ApiClient(
        String clientId,
        String name,
        List<String> roles,
        String origin,
        Instant createdAt,
        Instant secretChangedAt,
        List<String> domains,
        Instant lastSeenAt) {

    static ApiClient of(ApiClientEntity entity) {
        return new ApiClient(
                entity.clientId,
                entity.name,
                List.of(entity.roles),
                entity.origin,
                entity.createdAt,
                entity.secretChangedAt,
                entity.domains == null ? List.of() : List.of(entity.domains),
                entity.lastSeenAt);
    }
}
