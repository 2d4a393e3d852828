package io.openjims.push.delivery.service;

/** The outcome of one POST: acknowledged (2xx), or why not (HTTP status, TLS or network failure). */
public record SendResult(boolean acknowledged, int httpStatus, String error) {

    public static SendResult ok(int status) {
        return new SendResult(true, status, null);
    }

    public static SendResult failed(int status, String error) {
        return new SendResult(false, status, error);
    }
}
