package io.openjims.push.tenant.rest;

import java.util.List;

/**
 * Body of {@code POST} and {@code PUT /api/admin/tenants}. {@code password} only on creation; {@code username} is
 * generated and may only be echoed unchanged. {@code current_password}, on {@code PUT}: the tenant's password, needed
 * to change where its credentials go (the endpoint or the CA), so a stolen admin token alone cannot redirect them.
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
        String username,
        String currentPassword) {}
