package io.openjims.cli.transfer;

import picocli.CommandLine.Command;

/** {@code openjims config export|import}. */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = "Export or import the configuration of all three services as one file.",
        subcommands = {ConfigExportCommand.class, ConfigImportCommand.class})
public final class ConfigCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name export or import");
    }
}
