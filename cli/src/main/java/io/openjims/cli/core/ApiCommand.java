package io.openjims.cli.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.openjims.cli.OpenJims;
import io.openjims.cli.session.Api;
import io.openjims.cli.session.SessionStore;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** A command that calls the services with the stored session; {@code --output table|json}. */
public abstract class ApiCommand implements Runnable {

    @CommandLine.Spec
    protected CommandLine.Model.CommandSpec spec;

    @Option(
            names = {"-O", "--output"},
            defaultValue = "table",
            description = "table (default) or json")
    protected Output.Format output;

    private Api api;

    protected OpenJims.Context context() {
        return OpenJims.context(spec);
    }

    protected Api api() {
        if (api == null) {
            SessionStore store = SessionStore.of(context().environment());
            api = new Api(store, store.load(), context().clock());
        }
        return api;
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    protected void print(JsonNode node, String... columns) {
        Output.print(out(), output, node, List.of(columns));
    }

    /** A one-line note (table output) or nothing (json output keeps stdout machine-readable). */
    protected void note(String line) {
        if (output == Output.Format.table) {
            out().println(line);
            out().flush();
        }
    }

    /** The secret of a file, or a hidden prompt on a terminal, or a usage error naming the flag. */
    protected String secret(java.nio.file.Path file, String what, String flag) {
        if (file != null) {
            return Files0600.firstLine(file, what);
        }
        Terminal terminal = context().terminal();
        if (!terminal.interactive()) {
            throw CliException.usage("no terminal to ask for the " + what + ": pass " + flag + " F");
        }
        char[] typed = terminal.readHidden(what + ": ");
        if (typed == null || typed.length == 0) {
            throw CliException.failed("no " + what + " given");
        }
        return new String(typed);
    }
}
