package io.openjims.query.view.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Every error response: a machine-readable code and what the client should do. */
@Schema(name = "Error")
public record ErrorBody(String error, String message) {}
