package io.openjims.query.auth.service;

/** A signed access token and its lifetime in seconds. */
public record IssuedToken(String accessToken, long expiresInSeconds) {}
