package io.openjims.push.tenant.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A tenant as the admin API shows it: settings and delivery status, never the password or client key. */
public record TenantResponse(
        UUID id,
        String name,
        String kind,
        String endpoint,
        List<String> domains,
        String username,
        String caPem,
        String clientCertPem,
        boolean clientKeySet,
        Instant createdAt,
        Instant updatedAt,
        String status,
        Instant lastPushAt,
        String lastError,
        Instant lastErrorAt,
        long lag,
        long deliveredItems,
        long deliveredBatches,
        long failedAttempts) {}
