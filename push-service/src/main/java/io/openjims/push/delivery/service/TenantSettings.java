package io.openjims.push.delivery.service;

import io.openjims.push.tenant.service.TenantKind;
import java.net.URI;
import java.util.Set;
import java.util.UUID;

/** What a delivery worker needs of its tenant, secrets decrypted. {@link #toString()} hides the secrets. */
public record TenantSettings(
        UUID id,
        String name,
        TenantKind kind,
        URI endpoint,
        Set<String> domains,
        String caPem,
        String clientCertPem,
        String clientKeyPem,
        String username,
        String password,
        long configVersion,
        long resyncGeneration) {

    @Override
    public String toString() {
        return "TenantSettings[" + name + " (" + id + "), " + kind.wireName() + ", " + endpoint + ", domains " + domains
                + ", config " + configVersion + ", generation " + resyncGeneration + "]";
    }
}
