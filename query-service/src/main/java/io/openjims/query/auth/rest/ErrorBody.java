package io.openjims.query.auth.rest;

/** The error body of every API of this service: {@code {"error": "<code>", "message": "<what to do>"}}. */
public record ErrorBody(String error, String message) {}
