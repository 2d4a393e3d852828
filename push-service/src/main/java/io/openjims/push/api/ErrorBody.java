package io.openjims.push.api;

/** The error body of every API: a stable code and what to do. */
public record ErrorBody(String error, String message) {}
