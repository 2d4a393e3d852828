package io.openjims.support.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The error body of every API of every service: {@code {"error": "<code>", "message": "<what to do>"}}, plus
 * {@code field} naming the offending request field where one is known.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, String message, String field) {

    public ErrorBody(String error, String message) {
        this(error, message, null);
    }
}
