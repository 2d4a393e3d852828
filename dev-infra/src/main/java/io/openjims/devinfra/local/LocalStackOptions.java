package io.openjims.devinfra.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the local stack starts and where. Every port has a flag ({@code --query-port 9443}) and an environment
 * variable ({@code OPENJIMS_LOCAL_QUERY_PORT}); a port of 0 means "any free port" (the end-to-end test uses that).
 */
public final class LocalStackOptions {

    /** A port of the stack: its flag, environment variable, default and what it is for (used in messages). */
    public enum Port {
        QUERY("query-port", 8443, "query-service HTTPS (SRX API)"),
        COLLECTOR("collector-port", 8444, "collector-service HTTPS (ingest, admin)"),
        PUSH("push-port", 8445, "push-service HTTPS (admin)"),
        QUERY_MANAGEMENT("query-management-port", 9000, "query-service health, metrics, OpenAPI (HTTP)"),
        COLLECTOR_MANAGEMENT("collector-management-port", 9001, "collector-service health, metrics, OpenAPI (HTTP)"),
        PUSH_MANAGEMENT("push-management-port", 9002, "push-service health, metrics, OpenAPI (HTTP)"),
        SYSLOG("syslog-port", 5514, "collector-service syslog (UDP and TCP)"),
        SYSLOG_TLS("syslog-tls-port", 6514, "collector-service syslog over TLS"),
        RELP("relp-port", 2514, "collector-service syslog over RELP (rsyslog omrelp)"),
        RADIUS("radius-port", 1813, "collector-service RADIUS accounting (UDP)"),
        KAFKA("kafka-port", 19092, "embedded Kafka broker"),
        KAFKA_CONTROLLER("kafka-controller-port", 19093, "embedded Kafka controller"),
        POSTGRES("postgres-port", 15432, "embedded PostgreSQL"),
        LDAP("ldap-port", 10389, "demo LDAP directory (--demo)");

        private final String flag;
        private final int defaultPort;
        private final String description;

        Port(String flag, int defaultPort, String description) {
            this.flag = flag;
            this.defaultPort = defaultPort;
            this.description = description;
        }

        public String flag() {
            return "--" + flag;
        }

        public String environmentVariable() {
            return "OPENJIMS_LOCAL_" + flag.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        }

        public int defaultPort() {
            return defaultPort;
        }

        public String description() {
            return description;
        }
    }

    private final Path root;
    private Path dataDirectory;
    private boolean fresh;
    private boolean demo;
    private boolean printBanner = true;
    private boolean kafkaProcess;
    private int replicas = 1;
    private Duration demoLogonInterval = Duration.ofSeconds(3);
    private Duration readyTimeout = Duration.ofMinutes(3);
    private final Map<Port, Integer> ports = new LinkedHashMap<>();
    private String adminClientId;
    private String adminClientSecret;
    /**
     * A small serial-collected heap per service. The first metaspace threshold (about 21 MiB by default) would trigger
     * full collections of 150-430 ms while a fresh service loads its classes under load; 128 MiB covers a service's
     * classes, so only the young generation is collected.
     */
    private final List<String> serviceJvmOptions =
            new ArrayList<>(List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:MetaspaceSize=128m"));

    private final Map<String, String> extraEnvironment = new LinkedHashMap<>();

    /** @param root the repository root: {@code <root>/<service>/target/quarkus-app/quarkus-run.jar} is started */
    public LocalStackOptions(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.dataDirectory = this.root.resolve(".local");
        for (Port port : Port.values()) {
            ports.put(port, port.defaultPort());
        }
    }

    /** Options from the command line, with the environment as fallback for ports and the admin client. */
    public static LocalStackOptions parse(Path root, List<String> args, Map<String, String> environment) {
        LocalStackOptions options = new LocalStackOptions(root);
        for (Port port : Port.values()) {
            String value = environment.get(port.environmentVariable());
            if (value != null && !value.isBlank()) {
                options.port(port, parsePort(port.environmentVariable(), value));
            }
        }
        options.adminClientId = blankToNull(environment.get("OPENJIMS_ADMIN_CLIENT_ID"));
        options.adminClientSecret = blankToNull(environment.get("OPENJIMS_ADMIN_CLIENT_SECRET"));
        String data = blankToNull(environment.get("OPENJIMS_LOCAL_DATA"));
        if (data != null) {
            options.dataDirectory = Path.of(data).toAbsolutePath().normalize();
        }
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--fresh" -> options.fresh = true;
                case "--demo" -> options.demo = true;
                case "--data" -> {
                    value = value != null ? value : next(args, ++i, name);
                    options.dataDirectory = Path.of(value).toAbsolutePath().normalize();
                }
                default -> {
                    Port port = portForFlag(name);
                    if (port == null) {
                        throw new IllegalArgumentException("Unknown option " + arg + " (see --help)");
                    }
                    value = value != null ? value : next(args, ++i, name);
                    options.port(port, parsePort(name, value));
                }
            }
        }
        return options;
    }

    public static String usage() {
        StringBuilder text = new StringBuilder();
        text.append("Usage: ./openjims-local [--fresh] [--demo] [--data DIR] [--<port-option> N ...]\n\n")
                .append("Builds what is needed and starts the whole OpenJIMS system on this machine: embedded Kafka\n")
                .append("and PostgreSQL (data under .local/, kept across restarts), then collector-service,\n")
                .append("query-service and push-service over HTTPS with a local CA. Ctrl-C stops everything.\n\n")
                .append(
                        "  --fresh        start with empty Kafka and PostgreSQL data and a new encryption key (the CA,\n"
                                + "                 token keys and admin client are kept)\n")
                .append("  --demo         also start an LDAP directory with users and nested groups, register it,\n")
                .append("                 and send a trickle of synthetic logons\n")
                .append("  --data DIR     keep state in DIR instead of .local/ (env OPENJIMS_LOCAL_DATA)\n")
                .append("  --no-build     do not run the Maven build first (env OPENJIMS_LOCAL_SKIP_BUILD=true)\n\n")
                .append("Ports (flag, environment variable, default):\n");
        for (Port port : Port.values()) {
            text.append(String.format(
                    "  %-27s %-37s %5d  %s%n",
                    port.flag() + " N", port.environmentVariable(), port.defaultPort(), port.description()));
        }
        text.append("\nThe first admin client comes from OPENJIMS_ADMIN_CLIENT_ID / OPENJIMS_ADMIN_CLIENT_SECRET\n")
                .append("when set; otherwise one is generated and kept under the data directory.\n");
        return text.toString();
    }

    public LocalStackOptions port(Port port, int value) {
        if (value < 0 || value > 65535) {
            throw new IllegalArgumentException(port.flag() + ": " + value + " is not a port (0..65535)");
        }
        ports.put(port, value);
        return this;
    }

    /** Sets every port to 0 (a free one), as tests do. */
    public LocalStackOptions freePorts() {
        for (Port port : Port.values()) {
            ports.put(port, 0);
        }
        return this;
    }

    public LocalStackOptions dataDirectory(Path directory) {
        this.dataDirectory = directory.toAbsolutePath().normalize();
        return this;
    }

    public LocalStackOptions fresh(boolean value) {
        this.fresh = value;
        return this;
    }

    /**
     * Whether the Kafka broker runs as a JVM of its own (killable) instead of inside the launcher's JVM; collector-service
     * then reaches it through a {@link io.openjims.devinfra.TcpProxy} that can be cut.
     */
    public LocalStackOptions kafkaProcess(boolean value) {
        kafkaProcess = value;
        return this;
    }

    public boolean kafkaProcess() {
        return kafkaProcess;
    }

    /**
     * How many replicas of each service start (default 1); replica 1 uses the stack's ports, the others free ones, each
     * with ids of its own ({@link LocalStack#addReplica} adds more later).
     */
    public LocalStackOptions replicas(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("replicas must be at least 1: " + value);
        }
        replicas = value;
        return this;
    }

    public int replicas() {
        return replicas;
    }

    public LocalStackOptions demo(boolean value) {
        this.demo = value;
        return this;
    }

    public LocalStackOptions printBanner(boolean value) {
        this.printBanner = value;
        return this;
    }

    public LocalStackOptions demoLogonInterval(Duration value) {
        this.demoLogonInterval = value;
        return this;
    }

    public LocalStackOptions readyTimeout(Duration value) {
        this.readyTimeout = value;
        return this;
    }

    public LocalStackOptions adminClient(String id, String secret) {
        this.adminClientId = id;
        this.adminClientSecret = secret;
        return this;
    }

    /** An extra environment variable for every service process (e.g. a Quarkus property in env form). */
    public LocalStackOptions environment(String name, String value) {
        extraEnvironment.put(name, value);
        return this;
    }

    public Path root() {
        return root;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public boolean fresh() {
        return fresh;
    }

    public boolean demo() {
        return demo;
    }

    public boolean printBanner() {
        return printBanner;
    }

    public Duration demoLogonInterval() {
        return demoLogonInterval;
    }

    public Duration readyTimeout() {
        return readyTimeout;
    }

    public int port(Port port) {
        return ports.get(port);
    }

    public Optional<String> adminClientId() {
        return Optional.ofNullable(adminClientId);
    }

    public Optional<String> adminClientSecret() {
        return Optional.ofNullable(adminClientSecret);
    }

    public List<String> serviceJvmOptions() {
        return serviceJvmOptions;
    }

    public Map<String, String> extraEnvironment() {
        return extraEnvironment;
    }

    private static Port portForFlag(String flag) {
        for (Port port : Port.values()) {
            if (port.flag().equals(flag)) {
                return port;
            }
        }
        return null;
    }

    private static String next(List<String> args, int index, String flag) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args.get(index);
    }

    private static int parsePort(String name, String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + value + "' is not a port number (0..65535)");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
