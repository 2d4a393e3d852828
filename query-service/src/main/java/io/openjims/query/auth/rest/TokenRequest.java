package io.openjims.query.auth.rest;

/** Client credentials of a token request, whichever encoding carried them; fields may be null when absent. */
public record TokenRequest(String grantType, String clientId, String clientSecret, boolean basic) {}
