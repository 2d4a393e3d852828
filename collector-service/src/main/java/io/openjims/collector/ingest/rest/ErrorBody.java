package io.openjims.collector.ingest.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The error body of every JSON API: {@code {"error": "<code>", "message": "<what to do>"}}. */
public record ErrorBody(
        @JsonProperty("error") String error,
        @JsonProperty("message") String message) {}
