package io.openjims.cli;

import io.openjims.cli.admin.ClientsCommand;
import io.openjims.cli.admin.CollectorsCommand;
import io.openjims.cli.admin.DirectoriesCommand;
import io.openjims.cli.admin.HistoryCommand;
import io.openjims.cli.admin.SessionsCommand;
import io.openjims.cli.admin.StatsCommand;
import io.openjims.cli.admin.TenantsCommand;
import io.openjims.cli.core.CliException;
import io.openjims.cli.core.ExitCodes;
import io.openjims.cli.core.Terminal;
import io.openjims.cli.session.LoginCommand;
import io.openjims.cli.transfer.ConfigCommand;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code openjims} command: exit 0 ok, 1 failed, 2 usage. */
@Command(
        name = "openjims",
        mixinStandardHelpOptions = true,
        version = "openjims 0.1.0",
        description = "Administers an OpenJIMS system (collector-service, query-service, push-service).",
        subcommands = {
            LoginCommand.class,
            ConfigCommand.class,
            ClientsCommand.class,
            DirectoriesCommand.class,
            TenantsCommand.class,
            StatsCommand.class,
            SessionsCommand.class,
            HistoryCommand.class,
            CollectorsCommand.class
        })
public final class OpenJims implements Runnable {

    private final Context context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public OpenJims(Context context) {
        this.context = context;
    }

    public Context context() {
        return context;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. openjims login --help");
    }

    /** What commands need from their surroundings, replaceable in tests. */
    public record Context(Map<String, String> environment, Terminal terminal, Clock clock) {

        public static Context system() {
            return new Context(System.getenv(), Terminal.system(), Clock.systemUTC());
        }
    }

    public static void main(String[] args) {
        System.exit(
                execute(Context.system(), new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs one command line; returns the exit code. */
    public static int execute(Context context, PrintWriter out, PrintWriter err, String... args) {
        CommandLine line = commandLine(context);
        line.setOut(out);
        line.setErr(err);
        return line.execute(args);
    }

    public static CommandLine commandLine(Context context) {
        CommandLine line = new CommandLine(new OpenJims(context));
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CliException cli) {
                cmd.getErr().println("openjims: " + cli.getMessage());
                cmd.getErr().flush();
                return cli.exitCode();
            }
            cmd.getErr().println("openjims: " + e);
            cmd.getErr().flush();
            return ExitCodes.FAILED;
        });
        line.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("openjims: " + e.getMessage());
            cmd.getErr().println("run " + cmd.getCommandSpec().qualifiedName() + " --help for the options");
            cmd.getErr().flush();
            return ExitCodes.USAGE;
        });
        line.setCaseInsensitiveEnumValuesAllowed(true);
        return line;
    }

    /** The context of the command a subcommand belongs to. */
    public static Context context(CommandLine.Model.CommandSpec spec) {
        return ((OpenJims) spec.root().userObject()).context();
    }
}
