package io.openjims.support.transfer;

import io.openjims.support.api.ApiException;
import java.util.Map;

/**
 * A configuration document that cannot be imported as it is: 400 with {@link #error()} as the code
 * ({@code invalid_document}, {@code unsupported_version}, {@code wrong_service}, {@code tampered_document},
 * {@code wrong_passphrase}, {@code invalid_passphrase}) and a message that says what to do. Nothing has been applied
 * when it is thrown.
 */
public final class ConfigDocumentException extends ApiException {

    public ConfigDocumentException(String code, String message) {
        super(400, code, message, null, Map.of());
    }

    public String code() {
        return error();
    }
}
