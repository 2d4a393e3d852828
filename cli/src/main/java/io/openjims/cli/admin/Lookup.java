package io.openjims.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.openjims.cli.core.CliException;
import io.openjims.cli.core.Service;
import io.openjims.cli.session.Api;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Finds an item's id from its id or its name (directories and tenants are named in their lists). */
final class Lookup {

    private Lookup() {}

    static String id(Api api, Service service, String listPath, String idOrName, String what, String listCommand) {
        try {
            return UUID.fromString(idOrName).toString();
        } catch (IllegalArgumentException notAnId) {
            JsonNode list = api.expect("listing " + what + "s", service, api.get(service, listPath));
            for (JsonNode item : list) {
                if (idOrName.equals(item.path("name").asText())) {
                    return item.path("id").asText();
                }
            }
            throw CliException.failed("no " + what + " named " + idOrName + " (" + listCommand + " lists them)");
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
