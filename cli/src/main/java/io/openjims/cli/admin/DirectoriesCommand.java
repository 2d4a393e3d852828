package io.openjims.cli.admin;

import io.openjims.cli.core.ApiCommand;
import io.openjims.cli.core.Service;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Directory sources of collector-service: {@code /api/admin/directories}. */
@Command(
        name = "directories",
        mixinStandardHelpOptions = true,
        description = "LDAP / Active Directory sources of collector-service.",
        subcommands = {
            DirectoriesCommand.ListDirectories.class,
            DirectoriesCommand.Status.class,
            DirectoriesCommand.Sync.class
        })
public final class DirectoriesCommand extends GroupCommand {

    static final String PATH = "/api/admin/directories";

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the directories.")
    static final class ListDirectories extends ApiCommand {
        @Override
        public void run() {
            print(
                    api().expect("listing directories", Service.COLLECTOR, api().get(Service.COLLECTOR, PATH)),
                    "id",
                    "name",
                    "url",
                    "domain",
                    "enabled");
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "One directory with its sync status.")
    static final class Status extends ApiCommand {

        @Parameters(index = "0", paramLabel = "ID|NAME")
        String directory;

        @Override
        public void run() {
            String id = Lookup.id(api(), Service.COLLECTOR, PATH, directory, "directory", "openjims directories list");
            print(api().expect(
                            "directory " + directory,
                            Service.COLLECTOR,
                            api().get(Service.COLLECTOR, PATH + "/" + id)));
        }
    }

    @Command(name = "sync", mixinStandardHelpOptions = true, description = "Poll a directory now.")
    static final class Sync extends ApiCommand {

        @Parameters(index = "0", paramLabel = "ID|NAME")
        String directory;

        @Option(names = "--full", description = "a full sync instead of the changes since the last one")
        boolean full;

        @Override
        public void run() {
            String id = Lookup.id(api(), Service.COLLECTOR, PATH, directory, "directory", "openjims directories list");
            api().expect(
                            "syncing directory " + directory,
                            Service.COLLECTOR,
                            api().post(
                                            Service.COLLECTOR,
                                            PATH + "/" + id + "/sync" + (full ? "?full=true" : ""),
                                            null));
            note("sync of " + directory + " requested" + (full ? " (full)" : "") + "; openjims directories status "
                    + directory + " shows its result");
        }
    }
}
