package io.openjims.query.auth.service;

/** A client with its new plain secret: returned once, at creation or rotation, and never stored. */
public record ClientSecret(ApiClient client, String secret) {}
