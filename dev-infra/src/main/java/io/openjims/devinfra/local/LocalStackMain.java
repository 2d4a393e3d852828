package io.openjims.devinfra.local;

import io.openjims.devinfra.local.LocalStackOptions.Port;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Entry point of {@code ./openjims-local}: starts the stack, prints how to use it, stops it on Ctrl-C. */
public final class LocalStackMain {

    private static volatile boolean stopping;

    private LocalStackMain() {}

    public static void main(String[] args) throws InterruptedException {
        List<String> arguments = new ArrayList<>(List.of(args));
        Path root = Path.of(System.getProperty("openjims.root", "."))
                .toAbsolutePath()
                .normalize();
        arguments.remove("--no-build"); // handled by the script
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.print(LocalStackOptions.usage());
            return;
        }
        LocalStackOptions options;
        try {
            options = LocalStackOptions.parse(root, arguments, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("openjims-local: " + e.getMessage());
            System.err.println();
            System.err.print(LocalStackOptions.usage());
            System.exit(2);
            return;
        }

        LocalStack[] holder = new LocalStack[1];
        Thread hook = new Thread(
                () -> {
                    stopping = true;
                    LocalStack stack;
                    synchronized (holder) {
                        stack = holder[0];
                    }
                    if (stack != null) {
                        System.out.println();
                        System.out.println("[openjims-local] stopping services, Kafka and PostgreSQL ...");
                        stack.close();
                        System.out.println("[openjims-local] stopped; state kept in " + options.dataDirectory());
                    }
                },
                "openjims-local-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        System.out.println("[openjims-local] starting OpenJIMS (data in " + options.dataDirectory()
                + (options.fresh() ? ", starting fresh" : "") + ") ...");
        LocalStack stack;
        try {
            stack = LocalStack.start(options);
        } catch (LocalStack.PortInUseException | IllegalArgumentException e) {
            System.err.println("openjims-local: " + e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            System.err.println("openjims-local: could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        synchronized (holder) {
            holder[0] = stack;
        }
        System.out.println(banner(stack));

        // The stack's supervisor restarts a service that exits or is killed; this thread waits for Ctrl-C.
        while (!stopping) {
            Thread.sleep(1000);
        }
    }

    static String banner(LocalStack stack) {
        LocalStackOptions options = stack.options();
        String ca = stack.pki().caCertificate().toString();
        String query = stack.uri(Port.QUERY).toString();
        StringBuilder b = new StringBuilder();
        b.append("\n==========================================================================================\n")
                .append(" OpenJIMS is running. Ctrl-C stops everything (state is kept in ")
                .append(options.dataDirectory())
                .append(").\n")
                .append(
                        "==========================================================================================\n\n");
        b.append(String.format("  query-service      %-26s SRX API: token, batch / IP / user queries; admin%n", query));
        b.append(String.format(
                "  collector-service  %-26s ingest + admin; syslog udp+tcp %d, tls %d, relp %d; RADIUS accounting udp"
                        + " %d%n",
                stack.uri(Port.COLLECTOR),
                stack.port(Port.SYSLOG),
                stack.port(Port.SYSLOG_TLS),
                stack.port(Port.RELP),
                stack.port(Port.RADIUS)));
        b.append(String.format("  push-service       %-26s tenants (admin)%n", stack.uri(Port.PUSH)));
        b.append(String.format(
                "  admin console      %s (sign in with the admin client below)%n",
                stack.uri(Port.QUERY).resolve("/console/")));
        b.append(String.format(
                "  health, metrics    http://127.0.0.1:{%d,%d,%d}/q/{health,metrics,openapi} (query, collector, push)%n",
                stack.port(Port.QUERY_MANAGEMENT),
                stack.port(Port.COLLECTOR_MANAGEMENT),
                stack.port(Port.PUSH_MANAGEMENT)));
        b.append(String.format("  Kafka              %s%n", stack.kafkaBootstrapServers()));
        b.append(String.format(
                "  PostgreSQL         %s (user %s)%n",
                stack.postgres().jdbcUrl(), stack.postgres().username()));
        stack.demoDirectory()
                .ifPresent(d -> b.append(String.format(
                        "  demo LDAP          %s  base %s, bind %s / %s%n",
                        d.url(), DemoDirectory.BASE_DN, DemoDirectory.BIND_DN, DemoDirectory.BIND_PASSWORD)));
        b.append(String.format("  CA certificate     %s (trust it: curl --cacert ...)%n", ca));
        b.append(String.format(
                "  logs               %s%n%n", options.dataDirectory().resolve("logs")));
        b.append(String.format(
                "  admin client       id %s   secret %s%n",
                stack.adminClient().clientId(), stack.adminClient().clientSecret()));
        String srxId = "SRX_CLIENT_ID";
        String srxSecret = "SRX_CLIENT_SECRET";
        if (stack.srxClient().isPresent()) {
            srxId = stack.srxClient().get().clientId();
            srxSecret = stack.srxClient().get().clientSecret();
            b.append(String.format("  SRX client         id %s   secret %s%n", srxId, srxSecret));
        } else {
            b.append("  SRX client         none yet (see the notes below)\n");
        }
        String tokenCall = "curl -s --cacert " + ca + " " + query + LocalApi.TOKEN_PATH
                + " -d grant_type=client_credentials -d client_id=%s -d client_secret=%s"
                + " | sed -E 's/.*\"access_token\" *: *\"([^\"]+)\".*/\\1/'";
        b.append("\nTry it (copy and paste):\n\n");
        b.append("  # 1. a syslog logon (generic key=value form) over UDP\n");
        b.append(String.format(
                "  logger -n 127.0.0.1 -P %d -d 'user=alice domain=example.com ip=10.1.2.3 action=login'%n%n",
                stack.port(Port.SYSLOG)));
        b.append("  # 2. an SRX token, then ask who is at 10.1.2.3\n");
        b.append("  TOKEN=$(" + String.format(tokenCall, srxId, srxSecret) + ")\n");
        b.append("  curl -s --cacert " + ca + " -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json'"
                + " -d '{\"query\":\"ip\",\"ip\":\"10.1.2.3\"}' " + query + LocalApi.QUERY_PATH + "\n\n");
        b.append("  # 3. stats, with the admin client\n");
        b.append("  ADMIN=$("
                + String.format(
                        tokenCall,
                        stack.adminClient().clientId(),
                        stack.adminClient().clientSecret())
                + ")\n");
        b.append("  curl -s --cacert " + ca + " -H \"Authorization: Bearer $ADMIN\" " + query + "/api/admin/stats\n");
        if (!stack.notes().isEmpty()) {
            b.append("\nNotes:\n");
            for (String note : stack.notes()) {
                b.append("  - ").append(note).append('\n');
            }
        }
        return b.toString();
    }
}
