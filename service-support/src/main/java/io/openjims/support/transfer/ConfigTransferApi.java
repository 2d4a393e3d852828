package io.openjims.support.transfer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openjims.support.api.ApiException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The pieces of the {@code /api/admin/config} resources every service shares. */
public final class ConfigTransferApi {

    private ConfigTransferApi() {}

    /** {@code POST /api/admin/config/export}: the sections (all when left out) and the passphrase for the secrets. */
    public record ExportRequest(List<String> sections, String passphrase) {}

    /** The passphrase of an export request; 400 naming the field when there is none. */
    public static String passphrase(ExportRequest request) {
        if (request == null
                || request.passphrase() == null
                || request.passphrase().isEmpty()) {
            throw new ApiException(
                    400,
                    "passphrase_required",
                    "an export with secrets needs a passphrase (12+ characters); GET /api/admin/config exports"
                            + " without secrets",
                    "passphrase",
                    java.util.Map.of());
        }
        return request.passphrase();
    }

    /** The plain export as a file download named after the service. */
    public static Response download(String service, ObjectNode document) {
        return Response.ok(document, MediaType.APPLICATION_JSON_TYPE)
                .header("Content-Disposition", "attachment; filename=\"openjims-" + service + "-config.json\"")
                .header("Cache-Control", "no-store")
                .build();
    }
}
