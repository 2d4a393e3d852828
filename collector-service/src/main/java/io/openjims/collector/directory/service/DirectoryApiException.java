package io.openjims.collector.directory.service;

/** A request the directories API refuses: HTTP status, error code, a message that says what to do, maybe a field. */
public class DirectoryApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final String field;

    public DirectoryApiException(int status, String error, String message, String field) {
        super(message);
        this.status = status;
        this.error = error;
        this.field = field;
    }

    public static DirectoryApiException invalid(String field, String message) {
        return new DirectoryApiException(400, "invalid_field", field + ": " + message, field);
    }

    public static DirectoryApiException notFound() {
        return new DirectoryApiException(404, "not_found", "no directory with this id", null);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String field() {
        return field;
    }
}
