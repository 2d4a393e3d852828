package io.openjims.cli.admin;

import io.openjims.cli.core.ApiCommand;
import io.openjims.cli.core.Service;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Who held an address at a time: {@code GET /api/admin/history} of query-service. */
@Command(name = "history", mixinStandardHelpOptions = true, description = "Who held an address at a time.")
public final class HistoryCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "IP")
    String ip;

    @Option(names = "--at", required = true, description = "RFC 3339 time, e.g. 2026-11-22T10:00:00Z")
    String at;

    @Override
    public void run() {
        print(api().expect(
                        "address history",
                        Service.QUERY,
                        api().get(
                                        Service.QUERY,
                                        "/api/admin/history?ip=" + Lookup.encode(ip) + "&at=" + Lookup.encode(at))));
    }
}
