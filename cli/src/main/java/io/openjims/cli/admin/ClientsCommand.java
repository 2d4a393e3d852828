package io.openjims.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openjims.cli.core.ApiCommand;
import io.openjims.cli.core.Files0600;
import io.openjims.cli.core.Service;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** API clients of query-service: {@code /api/admin/clients}. */
@Command(
        name = "clients",
        mixinStandardHelpOptions = true,
        description = "API clients (SRX, ingest, admin) of query-service.",
        subcommands = {
            ClientsCommand.Create.class,
            ClientsCommand.ListClients.class,
            ClientsCommand.Delete.class,
            ClientsCommand.Rotate.class
        })
public final class ClientsCommand extends GroupCommand {

    static final String PATH = "/api/admin/clients";
    static final String[] COLUMNS = {"client_id", "name", "roles", "domains", "origin", "created_at"};

    /** Prints a new secret once: into a 0600 file when asked, else on standard output (the only time it is shown). */
    abstract static class WithSecret extends ApiCommand {

        @Option(names = "--secret-file", description = "write the new secret to this file (mode 0600) instead")
        Path secretFile;

        void show(JsonNode created) {
            if (secretFile != null && created.hasNonNull("client_secret")) {
                Files0600.write(secretFile, created.path("client_secret").asText() + "\n");
                ((ObjectNode) created).put("client_secret", "(written to " + secretFile + ")");
            }
            print(created);
        }
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Create a client; its secret is shown once.")
    static final class Create extends WithSecret {

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--role", required = true, description = "srx, ingest or admin (repeatable)")
        List<String> roles;

        @Option(names = "--domain", description = "limit the client to these domains (repeatable)")
        List<String> domains;

        @Override
        public void run() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("roles", roles);
            if (domains != null) {
                body.put("domains", domains);
            }
            show(api().expect("creating client " + name, Service.QUERY, api().post(Service.QUERY, PATH, body)));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the clients (never their secrets).")
    static final class ListClients extends ApiCommand {
        @Override
        public void run() {
            print(api().expect("listing clients", Service.QUERY, api().get(Service.QUERY, PATH)), COLUMNS);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a client.")
    static final class Delete extends ApiCommand {

        @Parameters(index = "0", paramLabel = "CLIENT_ID")
        String clientId;

        @Override
        public void run() {
            api().expect(
                            "deleting client " + clientId,
                            Service.QUERY,
                            api().delete(Service.QUERY, PATH + "/" + Lookup.encode(clientId)));
            note("deleted client " + clientId);
        }
    }

    @Command(
            name = "rotate",
            mixinStandardHelpOptions = true,
            description = "Give a client a new secret (shown once); the old one stops working at once.")
    static final class Rotate extends WithSecret {

        @Parameters(index = "0", paramLabel = "CLIENT_ID")
        String clientId;

        @Override
        public void run() {
            show(api().expect(
                            "rotating the secret of " + clientId,
                            Service.QUERY,
                            api().post(Service.QUERY, PATH + "/" + Lookup.encode(clientId) + "/secret", null)));
        }
    }
}
