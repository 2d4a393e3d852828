package io.openjims.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.openjims.cli.core.ApiCommand;
import io.openjims.cli.core.Output;
import io.openjims.cli.core.Service;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Active sessions of query-service: {@code GET /api/admin/sessions}. */
@Command(
        name = "sessions",
        mixinStandardHelpOptions = true,
        description = "Active sessions of query-service.",
        subcommands = {SessionsCommand.Find.class})
public final class SessionsCommand extends GroupCommand {

    @Command(name = "find", mixinStandardHelpOptions = true, description = "Search the active sessions.")
    static final class Find extends ApiCommand {

        @Option(names = "--ip", description = "an address or CIDR prefix")
        String ip;

        @Option(names = "--user", description = "account name, case-insensitive, * as wildcard")
        String user;

        @Option(names = "--domain", description = "DNS name or NetBIOS/UPN alias")
        String domain;

        @Option(names = "--page", defaultValue = "0")
        int page;

        @Option(names = "--size", defaultValue = "50", description = "1..500")
        int size;

        @Override
        public void run() {
            List<String> query = new ArrayList<>();
            add(query, "ip", ip);
            add(query, "user", user);
            add(query, "domain", domain);
            query.add("page=" + page);
            query.add("size=" + size);
            JsonNode answer = api().expect(
                            "session search",
                            Service.QUERY,
                            api().get(Service.QUERY, "/api/admin/sessions?" + String.join("&", query)));
            if (output == Output.Format.json) {
                print(answer);
                return;
            }
            print(answer.path("items"), "ip", "domain", "user", "roles", "source", "logon_at", "expires_at");
            note(answer.path("total").asInt() + " sessions, page "
                    + answer.path("page").asInt() + " (size "
                    + answer.path("size").asInt() + ")");
        }

        private static void add(List<String> query, String name, String value) {
            if (value != null && !value.isBlank()) {
                query.add(name + "=" + Lookup.encode(value));
            }
        }
    }
}
