package io.openjims.devinfra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), on free loopback ports. It
 * can be stopped and started again on the same ports and data, to test what happens while Kafka is down. It runs in
 * this JVM, or ({@link #startProcess}) as a JVM of its own that can be killed with SIGKILL.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final String CONTROLLER = "CONTROLLER";

    private final Path dataDirectory;
    private final boolean deleteOnClose;
    private final int brokerPort;
    private final int controllerPort;
    /** A second client listener whose address is advertised as a proxy's port (0: none). */
    private int proxiedPort;

    private int advertisedProxyPort;
    private KafkaRaftServer server;
    /** The broker's own JVM when it runs as a separate process; its output goes to {@code logFile}. */
    private ProcessBuilder processBuilder;

    private Process process;

    private EmbeddedKafka(Path dataDirectory, boolean deleteOnClose, int brokerPort, int controllerPort) {
        this.dataDirectory = dataDirectory;
        this.deleteOnClose = deleteOnClose;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
    }

    /** Starts a throw-away broker on free ports; its data is deleted on {@link #close()}. */
    public static EmbeddedKafka start() {
        try {
            return start(Files.createTempDirectory("openjims-kafka"), true, FreePorts.next(), FreePorts.next());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a broker that keeps its data in {@code dataDirectory} (formatted on first use).
     *
     * @param deleteOnClose whether {@link #close()} deletes the data
     * @param brokerPort the client port, 0 for a free one
     */
    public static EmbeddedKafka start(Path dataDirectory, boolean deleteOnClose, int brokerPort, int controllerPort) {
        EmbeddedKafka kafka = new EmbeddedKafka(
                dataDirectory,
                deleteOnClose,
                brokerPort == 0 ? FreePorts.next() : brokerPort,
                controllerPort == 0 ? FreePorts.next() : controllerPort);
        boolean started = false;
        try {
            kafka.format();
            kafka.startServer();
            started = true;
            return kafka;
        } finally {
            if (!started) {
                kafka.close();
            }
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    public int port() {
        return brokerPort;
    }

    /**
     * Starts a broker as a JVM of its own ({@code -Xmx384m}, SerialGC) keeping its data in {@code dataDirectory}
     * (formatted on first use); returns once it answers. {@link #kill()} ends it with SIGKILL.
     */
    public static EmbeddedKafka startProcess(Path dataDirectory, int brokerPort, int controllerPort, Path logFile) {
        return startProcess(dataDirectory, brokerPort, controllerPort, logFile, 0, 0);
    }

    /**
     * As {@link #startProcess(Path, int, int, Path)}, with a second client listener on {@code proxiedPort} that
     * advertises itself as {@code proxyPort}: a client bootstrapped through a {@link TcpProxy} on {@code proxyPort}
     * (forwarding to {@code proxiedPort}) then reaches the broker only through that proxy.
     */
    public static EmbeddedKafka startProcess(
            Path dataDirectory, int brokerPort, int controllerPort, Path logFile, int proxiedPort, int proxyPort) {
        EmbeddedKafka kafka = new EmbeddedKafka(
                dataDirectory,
                false,
                brokerPort == 0 ? FreePorts.next() : brokerPort,
                controllerPort == 0 ? FreePorts.next() : controllerPort);
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                EmbeddedKafka.class.getName(),
                dataDirectory.toString(),
                Integer.toString(kafka.brokerPort),
                Integer.toString(kafka.controllerPort),
                Integer.toString(proxiedPort),
                Integer.toString(proxyPort));
        try {
            Files.createDirectories(logFile.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        kafka.processBuilder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        kafka.restart();
        return kafka;
    }

    /**
     * Runs a broker in this JVM until it is killed: {@code EmbeddedKafka <data directory> <port> <controller port>
     * [<proxied port> <proxy port>]}.
     */
    public static void main(String[] args) throws InterruptedException {
        EmbeddedKafka kafka =
                new EmbeddedKafka(Path.of(args[0]), false, Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        if (args.length > 4) {
            kafka.proxiedPort = Integer.parseInt(args[3]);
            kafka.advertisedProxyPort = Integer.parseInt(args[4]);
        }
        kafka.format();
        kafka.startServer();
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop));
        System.out.println("[kafka] ready on " + kafka.bootstrapServers());
        Thread.currentThread().join();
    }

    public synchronized boolean isRunning() {
        return process != null ? process.isAlive() : server != null;
    }

    /** The broker process's id, when it runs as its own JVM. */
    public synchronized java.util.OptionalLong pid() {
        return process == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(process.pid());
    }

    /** Ends the broker's own JVM with SIGKILL (data and ports kept for {@link #restart()}). */
    public synchronized void kill() {
        if (process == null) {
            throw new IllegalStateException("The broker runs in this JVM: it cannot be killed");
        }
        process.destroyForcibly();
        awaitExit();
    }

    private void awaitExit() {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the broker to exit", e);
        }
    }

    /** Stops the broker but keeps its data and ports, so that {@link #restart()} brings it back as it was. */
    public synchronized void stop() {
        if (process != null) {
            if (process.isAlive()) {
                process.destroy();
                awaitExit();
                if (process.isAlive()) {
                    process.destroyForcibly();
                    awaitExit();
                }
            }
            return;
        }
        if (server != null) {
            try {
                server.shutdown();
                server.awaitShutdown();
            } finally {
                server = null;
            }
        }
    }

    /** Starts the broker again after {@link #stop()} or {@link #kill()}. */
    public synchronized void restart() {
        if (processBuilder != null) {
            if (process == null || !process.isAlive()) {
                try {
                    process = processBuilder.start();
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not start the Kafka broker process", e);
                }
                awaitReady();
            }
            return;
        }
        if (server == null) {
            startServer();
        }
    }

    /** The compacted topic every service reads at start (readiness waits for it): token revocations. */
    public static final String TOKEN_REVOCATIONS = "identity.token-revocations";

    /** Creates the topics a service needs before it can become ready (the others appear on first write). */
    public void createStartupTopics() {
        createCompactedTopic(TOKEN_REVOCATIONS, 3);
    }

    /** Creates topics that do not exist yet; {@code config} applies to each, e.g. {@code cleanup.policy=compact}. */
    public void createTopic(String name, int partitions, Map<String, String> config) {
        try (Admin admin = admin()) {
            NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(config);
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topic " + name, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + name, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating topic " + name, e);
        }
    }

    /** Tombstones kept on compacted topics: 7 days, longer than the longest tolerated consumer outage. */
    public static final String DELETE_RETENTION_MS = String.valueOf(7L * 24 * 3600 * 1000);

    /**
     * Creates a compacted topic, as the design uses for directory, collector and session state, keeping tombstones
     * {@link #DELETE_RETENTION_MS} as deployments do.
     */
    public void createCompactedTopic(String name, int partitions) {
        createTopic(
                name,
                partitions,
                Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.DELETE_RETENTION_MS_CONFIG,
                        DELETE_RETENTION_MS));
    }

    public Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) Duration.ofSeconds(30).toMillis()));
    }

    @Override
    public synchronized void close() {
        try {
            stop();
        } finally {
            if (deleteOnClose) {
                Directories.deleteRecursively(dataDirectory);
            }
        }
    }

    private Properties brokerProperties() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        String proxied = proxiedPort == 0 ? "" : ",PROXIED://127.0.0.1:" + proxiedPort;
        props.put(
                "listeners",
                "PLAINTEXT://127.0.0.1:" + brokerPort + proxied + "," + CONTROLLER + "://127.0.0.1:" + controllerPort);
        props.put(
                "advertised.listeners",
                "PLAINTEXT://127.0.0.1:" + brokerPort
                        + (proxiedPort == 0 ? "" : ",PROXIED://127.0.0.1:" + advertisedProxyPort));
        props.put("controller.listener.names", CONTROLLER);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put(
                "listener.security.protocol.map",
                "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT" + (proxiedPort == 0 ? "" : ",PROXIED:PLAINTEXT"));
        props.put("log.dirs", dataDirectory.resolve("logs").toString());
        props.put("num.partitions", "3");
        props.put("auto.create.topics.enable", "true");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        return props;
    }

    private void format() {
        Path logs = dataDirectory.resolve("logs");
        if (Files.exists(logs.resolve("meta.properties"))) {
            return;
        }
        KafkaConfig config = KafkaConfig.fromProps(brokerProperties(), false);
        Collection<String> directories = new ArrayList<>();
        config.logDirs().forEach(directories::add);
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setDirectories(Set.copyOf(directories))
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format the Kafka data directory " + logs, e);
        }
    }

    private void startServer() {
        KafkaRaftServer raftServer = new KafkaRaftServer(KafkaConfig.fromProps(brokerProperties(), false), Time.SYSTEM);
        raftServer.startup();
        server = raftServer;
        awaitReady();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (process != null) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The Kafka broker process exited with code " + process.exitValue());
            }
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Kafka", e);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka did not become ready on " + bootstrapServers(), e);
                }
            }
        }
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not become ready on " + bootstrapServers(), e);
        }
    }
}
