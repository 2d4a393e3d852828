package io.openjims.cli.session;

import io.openjims.cli.OpenJims;
import io.openjims.cli.core.CliException;
import io.openjims.cli.core.Files0600;
import io.openjims.cli.core.Terminal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Gets a token from query-service with client credentials and keeps the URLs, CA file, client and token in the
 * session file. collector-service and push-service default to the query URL's host with its port + 1 and + 2
 * (8443 → 8444, 8445, as the local stack runs them).
 */
@Command(
        name = "login",
        mixinStandardHelpOptions = true,
        description = "Log in with an admin API client; the session is kept in $OPENJIMS_CONFIG or"
                + " ~/.config/openjims/session.json (mode 0600).")
public final class LoginCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--url", required = true, description = "query-service, e.g. https://localhost:8443")
    String url;

    @Option(names = "--collector-url", description = "collector-service (default: the --url host, port + 1)")
    String collectorUrl;

    @Option(names = "--push-url", description = "push-service (default: the --url host, port + 2)")
    String pushUrl;

    @Option(names = "--client-id", required = true, description = "an API client with the admin role")
    String clientId;

    @Option(names = "--client-secret-file", description = "file whose first line is the secret (else a hidden prompt)")
    Path clientSecretFile;

    @Option(names = "--ca-file", description = "PEM CA certificate(s) to trust instead of the system's")
    Path caFile;

    @Override
    public void run() {
        OpenJims.Context context = OpenJims.context(spec);
        URI query = base(url, "--url");
        String collector =
                collectorUrl != null ? base(collectorUrl, "--collector-url").toString() : sibling(query, 1);
        String push = pushUrl != null ? base(pushUrl, "--push-url").toString() : sibling(query, 2);
        String ca = null;
        if (caFile != null) {
            if (!Files.isReadable(caFile)) {
                throw CliException.usage("--ca-file " + caFile + " is not a readable file");
            }
            ca = caFile.toAbsolutePath().toString();
        }
        String secret;
        if (clientSecretFile != null) {
            secret = Files0600.firstLine(clientSecretFile, "client secret");
        } else {
            Terminal terminal = context.terminal();
            if (!terminal.interactive()) {
                throw CliException.usage("no terminal to ask for the client secret: pass --client-secret-file F");
            }
            char[] typed = terminal.readHidden("client secret for " + clientId + ": ");
            if (typed == null || typed.length == 0) {
                throw CliException.failed("no client secret given");
            }
            secret = new String(typed);
        }
        SessionStore store = SessionStore.of(context.environment());
        Session session = new Session(query.toString(), collector, push, ca, clientId, secret, null, null);
        Api api = new Api(store, session, context.clock());
        api.login();
        spec.commandLine()
                .getOut()
                .println("logged in to " + query + " as " + clientId + " (collector " + collector + ", push " + push
                        + "); session in " + store.file());
        spec.commandLine().getOut().flush();
    }

    private URI base(String text, String flag) {
        URI uri;
        try {
            uri = URI.create(text.replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw CliException.usage(flag + " " + text + " is not a URL; e.g. https://localhost:8443");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null) {
            throw CliException.usage(flag + " " + text + " is not an https URL; e.g. https://localhost:8443");
        }
        return uri;
    }

    /** The same scheme and host, the port moved by {@code offset}. */
    static String sibling(URI query, int offset) {
        int port = query.getPort() != -1 ? query.getPort() : ("https".equalsIgnoreCase(query.getScheme()) ? 443 : 80);
        return query.getScheme() + "://" + query.getHost() + ":" + (port + offset);
    }
}
