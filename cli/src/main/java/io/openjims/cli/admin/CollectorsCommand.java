package io.openjims.cli.admin;

import io.openjims.cli.core.ApiCommand;
import io.openjims.cli.core.Service;
import picocli.CommandLine.Command;

/** Collectors: the inventory query-service keeps from every collector's heartbeat ({@code GET /api/admin/collectors}). */
@Command(
        name = "collectors",
        mixinStandardHelpOptions = true,
        description = "Collectors (collector-service instances).",
        subcommands = {CollectorsCommand.ListCollectors.class})
public final class CollectorsCommand extends GroupCommand {

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Every collector with its version, state, last heartbeat and whether it is stale.")
    static final class ListCollectors extends ApiCommand {
        @Override
        public void run() {
            print(
                    api().expect(
                                    "listing collectors",
                                    Service.QUERY,
                                    api().get(Service.QUERY, "/api/admin/collectors")),
                    "id",
                    "version",
                    "state",
                    "stale",
                    "description",
                    "last_update");
        }
    }
}
