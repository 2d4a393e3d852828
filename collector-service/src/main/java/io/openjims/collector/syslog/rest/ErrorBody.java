package io.openjims.collector.syslog.rest;

/** The error body of the contract: {@code {"error": "<code>", "message": "<what to do>"}}. */
public record ErrorBody(String error, String message) {}
