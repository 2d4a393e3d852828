package io.openjims.push.tenant.rest;

import java.util.List;

/**
 * Body of {@code POST} and {@code PUT /api/admin/tenants}. {@code password} only on creation; {@code username} is
 * generated and may only be echoed unchanged.
 */
public record TenantRequest(
        String name,
        String kind,
        String endpoint,
        List<String> domains,
        String password,
        String caPem,
        String clientCertPem,
        String clientKeyPem,
        String username) {}
