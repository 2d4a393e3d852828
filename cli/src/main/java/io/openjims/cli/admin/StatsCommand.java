package io.openjims.cli.admin;

import io.openjims.cli.core.ApiCommand;
import io.openjims.cli.core.Service;
import picocli.CommandLine.Command;

/** {@code GET /api/admin/stats} of query-service. */
@Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        description = "Counts: domains, directory users, devices, groups, active sessions.")
public final class StatsCommand extends ApiCommand {
    @Override
    public void run() {
        print(api().expect("stats", Service.QUERY, api().get(Service.QUERY, "/api/admin/stats")));
    }
}
