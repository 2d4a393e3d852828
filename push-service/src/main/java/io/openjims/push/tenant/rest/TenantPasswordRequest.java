package io.openjims.push.tenant.rest;

/** Body of {@code PUT /api/admin/tenants/{id}/password}. */
public record TenantPasswordRequest(String password, String confirm) {}
