package io.openjims.support.transfer;

/**
 * A configuration document that cannot be imported as it is: {@link #code()} is the API error code (e.g.
 * {@code invalid_document}, {@code unsupported_version}, {@code tampered_document}, {@code wrong_passphrase}); the
 * message says what is wrong and what to do. Nothing has been applied when it is thrown.
 */
public final class ConfigDocumentException extends RuntimeException {

    private final String code;

    public ConfigDocumentException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
