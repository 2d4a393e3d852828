package io.openjims.devinfra.local;

import io.openjims.devinfra.Directories;
import io.openjims.devinfra.EmbeddedKafka;
import io.openjims.devinfra.EmbeddedPostgres;
import io.openjims.devinfra.FreePorts;
import io.openjims.devinfra.local.LocalStackOptions.Port;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The whole OpenJIMS system on one machine, as {@code ./openjims-local} and the end-to-end test run it: embedded
 * Kafka and PostgreSQL (data under the data directory, durable), the topics, a local CA with a localhost certificate,
 * a JWT key pair, then collector-service, query-service and push-service as separate JVMs over HTTPS.
 */
public final class LocalStack implements AutoCloseable {

    /** Topic names and settings of the design. */
    public static final String EVENTS = "identity.events";

    public static final String DIRECTORY = "identity.directory";
    public static final String COLLECTORS = "identity.collectors";
    public static final String SESSIONS = "identity.sessions";
    private static final int PARTITIONS = 3;
    private static final String SRX_CLIENT_NAME = "openjims-local-srx";
    private static final String DEMO_DIRECTORY_NAME = "demo";
    private static final List<String> SERVICES = List.of("collector-service", "query-service", "push-service");
    /** Each service's ports: HTTPS first, management second, then its listeners. */
    private static final Map<String, List<Port>> SERVICE_PORTS = Map.of(
            "collector-service",
            List.of(Port.COLLECTOR, Port.COLLECTOR_MANAGEMENT, Port.SYSLOG, Port.SYSLOG_TLS, Port.RELP, Port.RADIUS),
            "query-service",
            List.of(Port.QUERY, Port.QUERY_MANAGEMENT),
            "push-service",
            List.of(Port.PUSH, Port.PUSH_MANAGEMENT));

    private final LocalStackOptions options;
    private final Map<Port, Integer> ports = new EnumMap<>(Port.class);
    private final List<AutoCloseable> started = new ArrayList<>();
    /** Running service replicas by name (sorted: a service's first replica before its second). */
    private final Map<String, ServiceProcess> services = new java.util.concurrent.ConcurrentSkipListMap<>();

    private final List<String> notes = new ArrayList<>();
    private LocalPki pki;
    private LocalApi api;
    private EmbeddedKafka kafka;
    private io.openjims.devinfra.TcpProxy collectorKafkaProxy;
    private EmbeddedPostgres postgres;
    private DemoDirectory directory;
    private ScheduledExecutorService demoLogons;
    private Credentials adminClient;
    private Credentials srxClient;
    private volatile boolean closed;
    private Thread supervisor;
    private final Map<String, Integer> restarts = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Map<Port, Integer>> replicaPorts = new LinkedHashMap<>();
    private Map<String, String> common;

    /** Client id and secret. */
    public record Credentials(String clientId, String clientSecret) {}

    /** A port is taken: the message names the port, what it is for and how to choose another. */
    public static final class PortInUseException extends RuntimeException {
        public PortInUseException(Port port, int number, String protocol) {
            super("Port " + number + "/" + protocol + " (" + port.description() + ") is already in use. Stop what"
                    + " uses it (e.g. another ./openjims-local) or choose another: " + port.flag() + " N or "
                    + port.environmentVariable() + "=N.");
        }
    }

    private LocalStack(LocalStackOptions options) {
        this.options = options;
    }

    /** Starts everything and returns once all three services are ready; on failure stops what it started. */
    public static LocalStack start(LocalStackOptions options) {
        LocalStack stack = new LocalStack(options);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        resolvePorts();
        Path data = options.dataDirectory();
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + data, e);
        }
        if (options.fresh()) {
            // A fresh database gets a fresh encryption key (nothing is encrypted under the old one any more); the CA,
            // the token keys and the admin client stay, so scripts and trusted certificates keep working.
            for (String state : List.of(
                    "kafka", "postgres", "srx-client.properties", "demo-directory.properties", "keys/encryption.key")) {
                Directories.deleteRecursively(data.resolve(state));
            }
        }
        pki = LocalPki.loadOrCreate(data);
        api = new LocalApi(pki.clientContext());
        adminClient = adminCredentials(data);
        String encryptionKey = secretFile(data.resolve("keys/encryption.key"), 32);
        String cookieSecret = secretFile(data.resolve("keys/cookie.secret"), 32);

        long t0 = System.nanoTime();
        if (options.kafkaProcess()) {
            // The collector reaches the broker through a proxy of its own (a listener advertised at the proxy's
            // port), so that its link alone can be cut.
            int proxied = FreePorts.next();
            collectorKafkaProxy = io.openjims.devinfra.TcpProxy.start(0, proxied);
            started.add(collectorKafkaProxy);
        }
        kafka = options.kafkaProcess()
                ? EmbeddedKafka.startProcess(
                        data.resolve("kafka"),
                        port(Port.KAFKA),
                        port(Port.KAFKA_CONTROLLER),
                        data.resolve("logs").resolve("kafka.log"),
                        collectorKafkaProxy.target(),
                        collectorKafkaProxy.port())
                : EmbeddedKafka.start(data.resolve("kafka"), false, port(Port.KAFKA), port(Port.KAFKA_CONTROLLER));
        started.add(kafka);
        kafka.createTopic(
                EVENTS,
                PARTITIONS,
                Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG,
                        Long.toString(Duration.ofDays(7).toMillis())));
        for (String topic : List.of(DIRECTORY, COLLECTORS, SESSIONS, EmbeddedKafka.TOKEN_REVOCATIONS)) {
            kafka.createCompactedTopic(topic, PARTITIONS);
        }
        postgres = EmbeddedPostgres.startEmbedded(data.resolve("postgres"), port(Port.POSTGRES), true);
        started.add(postgres);
        log(
                "Kafka on %s and PostgreSQL on port %d ready in %d ms",
                kafka.bootstrapServers(), postgres.port(), millis(t0));

        Map<String, String> common = new LinkedHashMap<>();
        common.put("OPENJIMS_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        common.put("OPENJIMS_DB_REACTIVE_URL", postgres.reactiveUrl());
        common.put("OPENJIMS_DB_JDBC_URL", postgres.jdbcUrl());
        common.put("OPENJIMS_DB_USER", postgres.username());
        common.put("OPENJIMS_DB_PASSWORD", postgres.password());
        common.put("OPENJIMS_JWT_PUBLIC_KEY_FILE", pki.jwtPublicKey().toString());
        common.put("OPENJIMS_JWT_PRIVATE_KEY_FILE", pki.jwtPrivateKey().toString());
        common.put("OPENJIMS_TLS_CERT_FILE", pki.serverCertificate().toString());
        common.put("OPENJIMS_TLS_KEY_FILE", pki.serverKey().toString());
        common.put("OPENJIMS_ADMIN_CLIENT_ID", adminClient.clientId());
        common.put("OPENJIMS_ADMIN_CLIENT_SECRET", adminClient.clientSecret());
        common.put("OPENJIMS_COLLECTOR_ENCRYPTION_KEY", encryptionKey);
        common.put("OPENJIMS_PUSH_ENCRYPTION_KEY", encryptionKey);
        // Tenant receivers of a local stack (and its tests) run on this host.
        common.put("OPENJIMS_PUSH_ALLOW_LOOPBACK_ENDPOINTS", "true");
        common.put("OPENJIMS_COOKIE_SECRET", cookieSecret);
        common.put("OPENJIMS_COLLECTOR_ID", "local-collector");
        common.put("OPENJIMS_SYSLOG_PORT", Integer.toString(port(Port.SYSLOG)));
        common.put("OPENJIMS_SYSLOG_TLS_PORT", Integer.toString(port(Port.SYSLOG_TLS)));
        common.put("OPENJIMS_RADIUS_PORT", Integer.toString(port(Port.RADIUS)));
        common.put("OPENJIMS_RELP_PORT", Integer.toString(port(Port.RELP)));
        common.put(
                "OPENJIMS_COLLECTOR_SYSLOG_TLS_CERT_FILE",
                pki.serverCertificate().toString());
        common.put("OPENJIMS_COLLECTOR_SYSLOG_TLS_KEY_FILE", pki.serverKey().toString());
        // The console on query-service reaches the other admin APIs through its same-origin proxy.
        common.put("OPENJIMS_QUERY_CONSOLE_COLLECTOR_URL", "https://localhost:" + port(Port.COLLECTOR));
        common.put("OPENJIMS_QUERY_CONSOLE_PUSH_URL", "https://localhost:" + port(Port.PUSH));
        common.put("OPENJIMS_QUERY_CONSOLE_TRUST_CA_FILE", pki.caCertificate().toString());
        common.putAll(options.extraEnvironment());

        t0 = System.nanoTime();
        this.common = common;
        for (int replica = 1; replica <= options.replicas(); replica++) {
            for (String service : SERVICES) {
                startReplica(service, replica);
            }
        }
        for (ServiceProcess service : services.values()) {
            service.awaitReady(api.httpClient(), options.readyTimeout());
        }
        log(
                "collector-service, query-service and push-service (%d of each) ready in %d ms",
                options.replicas(), millis(t0));

        srxClient = ensureSrxClient(data);
        if (options.demo()) {
            startDemo(data);
        }
        supervisor = new Thread(this::supervise, "openjims-local-supervisor");
        supervisor.setDaemon(true);
        supervisor.start();
    }

    /**
     * Restarts a service whose process exited or was killed, as Kubernetes restarts a container: logs it with the
     * log's last lines, waits for it to be ready again, and backs off (1 s doubling to 30 s) while it keeps failing
     * within a minute of its start. Runs until {@link #close()}.
     */
    private void supervise() {
        Map<String, Long> startedAt = new LinkedHashMap<>();
        Map<String, Integer> failuresInARow = new LinkedHashMap<>();
        services.keySet().forEach(name -> startedAt.put(name, System.nanoTime()));
        // A replica added later has no start time here until its first restart: its first exit counts as not quick.
        while (!closed) {
            List<String> names;
            synchronized (this) {
                names = List.copyOf(services.keySet());
            }
            for (String name : names) {
                ServiceProcess process = services.get(name);
                if (closed || process == null || process.isAlive()) {
                    continue;
                }
                boolean quick = System.nanoTime() - startedAt.computeIfAbsent(name, n -> 0L)
                        < Duration.ofMinutes(1).toNanos();
                int failures = quick ? failuresInARow.merge(name, 1, Integer::sum) : 1;
                failuresInARow.put(name, failures);
                long delay = Math.min(30_000, 1000L << Math.min(failures - 1, 5));
                say(
                        "%s (pid %d) exited with code %d; restarting it in %d s. Last lines of %s:%n%s",
                        name,
                        process.pid(),
                        process.exitCode().orElse(-1),
                        delay / 1000,
                        process.logFile(),
                        process.tail(15));
                if (!pause(delay)) {
                    return;
                }
                ServiceProcess again;
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    if (services.get(name) != process) {
                        continue; // removed meanwhile
                    }
                    again = process.restart();
                    services.put(name, again);
                    started.set(started.indexOf(process), again);
                }
                startedAt.put(name, System.nanoTime());
                restarts.merge(name, 1, Integer::sum);
                try {
                    again.awaitReady(api.httpClient(), options.readyTimeout());
                    say("%s restarted (pid %d) and ready", name, again.pid());
                } catch (RuntimeException e) {
                    if (!closed) {
                        say("%s did not become ready after its restart: %s", name, e.getMessage());
                    }
                }
            }
            if (!pause(500)) {
                return;
            }
        }
    }

    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** How many times the supervisor restarted each service. */
    public Map<String, Integer> restarts() {
        return Map.copyOf(restarts);
    }

    /** The ports replica {@code replica} of {@code service} listens on: the stack's own for replica 1, else free. */
    private Map<Port, Integer> replicaPorts(String service, int replica) {
        Map<Port, Integer> own = new EnumMap<>(Port.class);
        for (Port port : SERVICE_PORTS.get(service)) {
            boolean udp = port == Port.SYSLOG || port == Port.RADIUS;
            own.put(port, replica == 1 ? port(port) : freePort(udp));
        }
        return own;
    }

    /** Replica {@code replica} (1 = the first) of {@code service}: its own ports and stable ids, on the shared Kafka/PG. */
    private ServiceProcess startReplica(String service, int replica) {
        String name = replicaName(service, replica);
        Map<Port, Integer> own = replicaPorts(service, replica);
        List<Port> servicePorts = SERVICE_PORTS.get(service);
        Map<String, String> env = new LinkedHashMap<>(common);
        env.put("QUARKUS_HTTP_SSL_PORT", Integer.toString(own.get(servicePorts.get(0))));
        env.put("OPENJIMS_MANAGEMENT_PORT", Integer.toString(own.get(servicePorts.get(1))));
        env.put("OPENJIMS_MANAGEMENT_HOST", "127.0.0.1");
        String suffix = replica == 1 ? "" : "-" + replica;
        if (service.equals("collector-service")) {
            if (collectorKafkaProxy != null) {
                env.put("OPENJIMS_KAFKA_BOOTSTRAP", "127.0.0.1:" + collectorKafkaProxy.port());
            }
            env.put("OPENJIMS_COLLECTOR_ID", "local-collector" + suffix);
            env.put("OPENJIMS_SYSLOG_PORT", Integer.toString(own.get(Port.SYSLOG)));
            env.put("OPENJIMS_SYSLOG_TLS_PORT", Integer.toString(own.get(Port.SYSLOG_TLS)));
            env.put("OPENJIMS_RADIUS_PORT", Integer.toString(own.get(Port.RADIUS)));
            env.put("OPENJIMS_RELP_PORT", Integer.toString(own.get(Port.RELP)));
        } else if (service.equals("query-service")) {
            // Static Kafka group membership: a killed and restarted replica gets its partitions back at once.
            // (An empty OPENJIMS_QUERY_VIEW_INSTANCE_ID in the options keeps them dynamic members.)
            if (!"".equals(common.get("OPENJIMS_QUERY_VIEW_INSTANCE_ID"))) {
                env.put("OPENJIMS_QUERY_VIEW_INSTANCE_ID", "local-query" + suffix);
            }
        }
        // Plain HTTP stays off (OPENJIMS_HTTP_DEBUG unset); give it a free port all the same so that turning it on
        // for debugging never clashes between the services.
        if (replica > 1 || !env.containsKey("QUARKUS_HTTP_PORT")) {
            env.put("QUARKUS_HTTP_PORT", Integer.toString(FreePorts.next()));
        }
        URI base = URI.create("https://localhost:" + own.get(servicePorts.get(0)));
        Path jar = options.root().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        Path logFile = options.dataDirectory().resolve("logs").resolve(name + ".log");
        URI health = URI.create("http://127.0.0.1:" + own.get(servicePorts.get(1)));
        ServiceProcess process =
                ServiceProcess.start(name, jar, options.serviceJvmOptions(), env, logFile, base, health);
        synchronized (this) {
            services.put(name, process);
            started.add(process);
            replicaPorts.put(name, own);
        }
        return process;
    }

    /** {@code collector-service} for replica 1, {@code collector-service-2} for the second, and so on. */
    public static String replicaName(String service, int replica) {
        return replica == 1 ? service : service + "-" + replica;
    }

    /**
     * Starts another replica of {@code service} ({@code collector-service}, {@code query-service} or
     * {@code push-service}) on the shared Kafka and PostgreSQL, with ports and ids of its own, waits until it is ready
     * and supervises it from then on. Returns its name (e.g. {@code query-service-2}).
     */
    public String addReplica(String service) {
        if (!SERVICE_PORTS.containsKey(service)) {
            throw new IllegalArgumentException("No such service: " + service);
        }
        int replica = 1;
        while (services.containsKey(replicaName(service, replica))) {
            replica++;
        }
        ServiceProcess process = startReplica(service, replica);
        process.awaitReady(api.httpClient(), options.readyTimeout());
        return process.name();
    }

    /** Stops replica {@code name} cleanly (SIGTERM, graceful shutdown) and no longer supervises it. */
    public void removeReplica(String name) {
        ServiceProcess process;
        synchronized (this) {
            process = services.remove(name);
            if (process == null) {
                throw new IllegalArgumentException("No such replica: " + name);
            }
            started.remove(process);
            replicaPorts.remove(name);
        }
        process.close();
    }

    /** The running replicas of {@code service}, first replica first. */
    public synchronized List<ServiceProcess> replicas(String service) {
        List<ServiceProcess> all = new ArrayList<>();
        services.forEach((name, process) -> {
            if (name.equals(service) || name.startsWith(service + "-")) {
                all.add(process);
            }
        });
        return all;
    }

    /** A port of replica {@code name} (e.g. the RELP port of {@code collector-service-2}). */
    public synchronized int port(String name, Port port) {
        Map<Port, Integer> own = replicaPorts.get(name);
        if (own == null || !own.containsKey(port)) {
            throw new IllegalArgumentException(name + " has no " + port);
        }
        return own.get(port);
    }

    private Credentials adminCredentials(Path data) {
        Optional<String> id = options.adminClientId();
        Optional<String> secret = options.adminClientSecret();
        if (id.isPresent() && secret.isPresent()) {
            return new Credentials(id.get(), secret.get());
        }
        Path file = data.resolve("admin-client.properties");
        Properties stored = readProperties(file);
        if (stored.getProperty("client_id") == null) {
            stored.setProperty("client_id", id.orElse("local-admin"));
            stored.setProperty("client_secret", randomSecret(24));
            writeProperties(file, stored, "Admin client of the local stack (generated)");
        }
        return new Credentials(
                id.orElse(stored.getProperty("client_id")), secret.orElse(stored.getProperty("client_secret")));
    }

    /** The SRX client stored under the data directory if it still works, else a new one from the admin API. */
    private Credentials ensureSrxClient(Path data) {
        Path file = data.resolve("srx-client.properties");
        Properties stored = readProperties(file);
        URI query = uri(Port.QUERY);
        if (stored.getProperty("client_id") != null) {
            Credentials existing =
                    new Credentials(stored.getProperty("client_id"), stored.getProperty("client_secret"));
            try {
                api.token(query, existing.clientId(), existing.clientSecret());
                return existing;
            } catch (RuntimeException e) {
                // created before a --fresh or deleted by an admin: make a new one
            }
        }
        String adminToken;
        try {
            adminToken = adminToken();
        } catch (RuntimeException e) {
            notes.add("No SRX client yet: the admin client could not get a token from query-service ("
                    + e.getMessage() + "). The token endpoint and the admin API are part of the query-service work;"
                    + " once they exist, restart ./openjims-local to get an SRX client.");
            return null;
        }
        LocalApi.Answer answer = api.postJson(
                query.resolve("/api/admin/clients"),
                adminToken,
                Map.of("name", SRX_CLIENT_NAME, "roles", List.of("srx")));
        if (answer.status() != 201 && answer.status() != 200) {
            notes.add("No SRX client yet: POST /api/admin/clients answered " + answer.status()
                    + ". Create one yourself with the admin client once query-service offers it.");
            return null;
        }
        var json = answer.json();
        Credentials created = new Credentials(
                json.path("client_id").asText(), json.path("client_secret").asText());
        stored.setProperty("client_id", created.clientId());
        stored.setProperty("client_secret", created.clientSecret());
        writeProperties(file, stored, "SRX client of the local stack (created through the admin API)");
        return created;
    }

    private void startDemo(Path data) {
        directory = DemoDirectory.start(port(Port.LDAP));
        started.add(directory);
        registerDemoDirectory(data);
        demoLogons = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "openjims-demo-logons");
            thread.setDaemon(true);
            return thread;
        });
        started.add(() -> demoLogons.shutdownNow());
        long interval = options.demoLogonInterval().toMillis();
        demoLogons.scheduleAtFixedRate(this::sendDemoLogon, 0, interval, TimeUnit.MILLISECONDS);
        log(
                "demo: LDAP directory %s (users %s), a synthetic logon every %d ms to syslog port %d",
                directory.url(), DemoDirectory.USERS, interval, port(Port.SYSLOG));
    }

    private void registerDemoDirectory(Path data) {
        Path file = data.resolve("demo-directory.properties");
        Properties stored = readProperties(file);
        try {
            String token = adminToken();
            URI collector = uri(Port.COLLECTOR);
            String id = stored.getProperty("id");
            if (id != null
                    && api.get(collector.resolve("/api/admin/directories/" + id), token)
                                    .status()
                            == 200) {
                return;
            }
            LocalApi.Answer answer = api.postJson(
                    collector.resolve("/api/admin/directories"), token, directory.registration(DEMO_DIRECTORY_NAME));
            if (answer.status() == 201 || answer.status() == 200) {
                stored.setProperty("id", answer.json().path("id").asText());
                writeProperties(file, stored, "The demo directory as registered with collector-service");
            } else {
                notes.add("The demo directory is running at " + directory.url()
                        + " but collector-service did not register it (POST /api/admin/directories answered "
                        + answer.status() + "); logons then show without roles.");
            }
        } catch (RuntimeException e) {
            notes.add("The demo directory is running at " + directory.url() + " but could not be registered: "
                    + e.getMessage());
        }
    }

    private void sendDemoLogon() {
        try {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String user = DemoDirectory.USERS.get(random.nextInt(DemoDirectory.USERS.size()));
            String ip = "10.99." + random.nextInt(0, 4) + "." + random.nextInt(1, 255);
            boolean logon = random.nextInt(10) != 0;
            SyslogSender.udp(
                    port(Port.SYSLOG),
                    SyslogSender.rfc3164(SyslogSender.keyValue(user, DemoDirectory.DOMAIN, ip, logon)));
        } catch (RuntimeException e) {
            // the next tick tries again
        }
    }

    /** A token for the admin client. */
    public String adminToken() {
        return api.token(uri(Port.QUERY), adminClient.clientId(), adminClient.clientSecret());
    }

    public LocalApi api() {
        return api;
    }

    public LocalPki pki() {
        return pki;
    }

    public int port(Port port) {
        return ports.get(port);
    }

    public URI uri(Port port) {
        return URI.create("https://localhost:" + port(port));
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public EmbeddedPostgres postgres() {
        return postgres;
    }

    /**
     * Restarts PostgreSQL on the same data and port (a fast shutdown: sessions are cut, committed data stays), as a
     * database failover or upgrade would; the services reconnect by themselves.
     */
    public synchronized void restartPostgres() {
        int index = started.indexOf(postgres);
        postgres.close();
        postgres =
                EmbeddedPostgres.startEmbedded(options.dataDirectory().resolve("postgres"), port(Port.POSTGRES), true);
        started.set(index, postgres);
    }

    /** Stops the broker and starts it again on the same data and ports: the services reconnect by themselves. */
    public void restartKafka() {
        kafka.stop();
        kafka.restart();
    }

    /** Kills the broker with SIGKILL (needs {@link LocalStackOptions#kafkaProcess}); {@link #startKafka()} again. */
    public void killKafka() {
        kafka.kill();
    }

    /** The proxy between collector-service and the broker (with {@link LocalStackOptions#kafkaProcess}). */
    public Optional<io.openjims.devinfra.TcpProxy> collectorKafkaProxy() {
        return Optional.ofNullable(collectorKafkaProxy);
    }

    /** Starts the broker again on the same data and ports after {@link #killKafka()}. */
    public void startKafka() {
        kafka.restart();
    }

    public Credentials adminClient() {
        return adminClient;
    }

    /** The SRX client, empty when query-service could not create one (see {@link #notes()}). */
    public Optional<Credentials> srxClient() {
        return Optional.ofNullable(srxClient);
    }

    public Optional<DemoDirectory> demoDirectory() {
        return Optional.ofNullable(directory);
    }

    public Map<String, ServiceProcess> services() {
        return services;
    }

    public LocalStackOptions options() {
        return options;
    }

    /** Things that did not work out but do not stop the stack (e.g. an API that does not exist yet). */
    public List<String> notes() {
        return notes;
    }

    /** Stops everything in reverse order: demo, services, Kafka, PostgreSQL. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (supervisor != null) {
            supervisor.interrupt();
        }
        List<AutoCloseable> reverse = new ArrayList<>(started);
        java.util.Collections.reverse(reverse);
        // Services first, all at once (each gets SIGTERM, then we wait), then the infrastructure.
        for (ServiceProcess service : services.values()) {
            ProcessHandle.of(service.pid()).ifPresent(ProcessHandle::destroy);
        }
        for (AutoCloseable resource : reverse) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("[openjims-local] could not stop " + resource + ": " + e);
            }
        }
    }

    private void resolvePorts() {
        for (Port port : Port.values()) {
            if (port == Port.LDAP && !options.demo()) {
                ports.put(port, options.port(port) == 0 ? FreePorts.next() : options.port(port));
                continue;
            }
            int number = options.port(port);
            if (number == 0) {
                number = freePort(port == Port.SYSLOG || port == Port.RADIUS);
            } else {
                checkFree(port, number);
            }
            ports.put(port, number);
        }
        List<Integer> seen = new ArrayList<>();
        for (Map.Entry<Port, Integer> entry : ports.entrySet()) {
            if (seen.contains(entry.getValue())) {
                throw new IllegalArgumentException("Port " + entry.getValue() + " is given twice ("
                        + entry.getKey().flag() + "); every port of the stack must be distinct.");
            }
            seen.add(entry.getValue());
        }
    }

    private static int freePort(boolean alsoUdp) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate = FreePorts.next();
            if (!alsoUdp || udpFree(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No free port found");
    }

    private static void checkFree(Port port, int number) {
        if (port == Port.RADIUS) {
            // UDP only.
            if (!udpFree(number)) {
                throw new PortInUseException(port, number, "udp");
            }
            return;
        }
        if (!tcpFree(number)) {
            throw new PortInUseException(port, number, "tcp");
        }
        if (port == Port.SYSLOG && !udpFree(number)) {
            throw new PortInUseException(port, number, "udp");
        }
    }

    private static boolean tcpFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean udpFree(int port) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(port))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String secretFile(Path file, int bytes) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(file.getParent());
            byte[] key = new byte[bytes];
            new SecureRandom().nextBytes(key);
            String encoded = Base64.getEncoder().encodeToString(key);
            Files.writeString(file, encoded + "\n");
            ownerOnly(file);
            return encoded;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create " + file, e);
        }
    }

    private static String randomSecret(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static Properties readProperties(Path file) {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + file, e);
            }
        }
        return properties;
    }

    private static void writeProperties(Path file, Properties properties, String comment) {
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, comment);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
        ownerOnly(file);
    }

    private static void ownerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort
        }
    }

    private static long millis(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    /** Printed whatever the banner setting: the supervisor's restarts. */
    private static void say(String format, Object... args) {
        System.out.printf("[openjims-local] " + format + "%n", args);
    }

    private void log(String format, Object... args) {
        if (options.printBanner()) {
            System.out.printf("[openjims-local] " + format + "%n", args);
        }
    }
}
