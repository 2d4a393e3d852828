package io.openjims.cli.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.openjims.cli.core.ApiCommand;
import io.openjims.cli.core.Json;
import io.openjims.cli.core.Service;
import picocli.CommandLine.Command;

/**
 * Collectors. No service lists every collector yet; {@code list} shows the one at the session's collector URL
 * ({@code GET /api/admin/collector}) and says so.
 */
@Command(
        name = "collectors",
        mixinStandardHelpOptions = true,
        description = "Collectors (collector-service instances).",
        subcommands = {CollectorsCommand.ListCollectors.class})
public final class CollectorsCommand extends GroupCommand {

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "The collector at the session's collector URL (no API lists all collectors yet).")
    static final class ListCollectors extends ApiCommand {
        @Override
        public void run() {
            ArrayNode list = Json.MAPPER.createArrayNode();
            list.add(api().expect(
                            "collector status",
                            Service.COLLECTOR,
                            api().get(Service.COLLECTOR, "/api/admin/collector")));
            print(list, "id", "version", "state", "description", "last_update");
            note("(only the collector at " + api().session().url(Service.COLLECTOR)
                    + ": no API lists every collector yet)");
        }
    }
}
