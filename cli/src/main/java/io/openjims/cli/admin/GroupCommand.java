package io.openjims.cli.admin;

import picocli.CommandLine;

/** A command that only groups subcommands: run alone, it is a usage error. */
abstract class GroupCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "name a subcommand: " + String.join(", ", spec.subcommands().keySet()));
    }
}
