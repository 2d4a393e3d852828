package io.openjims.cli.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import io.openjims.cli.core.ApiCommand;
import io.openjims.cli.core.CliException;
import io.openjims.cli.core.Files0600;
import io.openjims.cli.core.Json;
import io.openjims.cli.core.Service;
import io.openjims.cli.session.Api;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes one bundle file (mode 0600) with each service's exported document. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Export every service's configuration into one file (mode 0600). Without --with-secrets the"
                + " secrets are left out and the import asks for them.")
public final class ConfigExportCommand extends ApiCommand {

    static final String PATH = "/api/admin/config";

    @Option(
            names = {"-o", "--file"},
            required = true,
            description = "the file to write")
    Path file;

    @Option(names = "--with-secrets", description = "include the secrets, sealed under --passphrase-file")
    boolean withSecrets;

    @Option(names = "--passphrase-file", description = "file whose first line is the passphrase (12+ characters)")
    Path passphraseFile;

    @Override
    public void run() {
        if (passphraseFile != null && !withSecrets) {
            throw CliException.usage("--passphrase-file seals secrets: add --with-secrets");
        }
        String passphrase = null;
        if (withSecrets) {
            passphrase = secret(passphraseFile, "passphrase", "--passphrase-file");
        }
        Api api = api();
        Map<Service, JsonNode> documents = new EnumMap<>(Service.class);
        List<String> summary = new ArrayList<>();
        for (Service service : Service.values()) {
            Api.Answer answer = passphrase == null
                    ? api.get(service, PATH)
                    : api.post(service, PATH + "/export", Map.of("passphrase", passphrase));
            if (answer.status() == 404 && answer.errorCode() == null) {
                // A service without the endpoint (an older version) is left out, and said so.
                err().println("openjims: warning: " + service.display() + " at "
                        + api.session().url(service) + " has no configuration export (404 for " + PATH
                        + "): left out of the file");
                err().flush();
                continue;
            }
            JsonNode doc = api.expect("configuration export", service, answer);
            if (!Bundle.DOCUMENT_FORMAT.equals(doc.path("format").asText())) {
                throw CliException.failed(
                        service.display() + " answered something that is not a configuration" + " document");
            }
            documents.put(service, doc);
            List<String> sections = new ArrayList<>();
            doc.path("sections").fieldNames().forEachRemaining(sections::add);
            summary.add(service.key() + " (" + String.join(", ", sections) + ")");
        }
        if (documents.isEmpty()) {
            throw CliException.failed("no service exported a configuration");
        }
        Bundle bundle = new Bundle(context().clock().instant(), documents);
        Files0600.write(file, Json.pretty(bundle.toJson()) + "\n");
        if (output == io.openjims.cli.core.Output.Format.json) {
            out().println(Json.pretty(Json.object().put("file", file.toString()).put("with_secrets", withSecrets)));
        } else {
            out().println("exported " + String.join("; ", summary) + " to " + file
                    + (withSecrets
                            ? " (secrets sealed under the passphrase)"
                            : " (secrets left out: the import asks for them)"));
        }
        out().flush();
    }
}
