package io.openjims.push.delivery.model;

/** The statistics block sent to Secure Edge tenants: counts over the tenant's domains. */
public record PushStats(long domains, long users, long devices, long groups, long sessions) {}
