package io.openjims.push.delivery.repository;

import java.util.UUID;

/** A tenant row as the delivery supervisor reads it (secrets still encrypted). */
public record TenantSettingsRow(
        UUID id,
        String name,
        String kind,
        String endpoint,
        String domains,
        String caPem,
        String clientCertPem,
        byte[] clientKeyEnc,
        String username,
        byte[] passwordEnc,
        long configVersion,
        long resyncGeneration) {}
