package io.openjims.push.tenant.rest;

/**
 * Body of {@code PUT /api/admin/tenants/{id}/password}; {@code username} (optional) changes the username together with
 * the password, as when CSO issued the tenant new credentials.
 */
public record TenantPasswordRequest(String password, String confirm, String username) {}
