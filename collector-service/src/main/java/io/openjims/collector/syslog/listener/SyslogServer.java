package io.openjims.collector.syslog.listener;

import io.openjims.collector.events.service.EventPublisher;
import io.openjims.collector.events.service.UsableAddresses;
import io.openjims.collector.status.service.SourceHealth;
import io.openjims.collector.syslog.config.SyslogConfig;
import io.openjims.collector.syslog.service.SenderScope;
import io.openjims.collector.syslog.service.SyslogCounters;
import io.openjims.collector.syslog.service.SyslogCounters.Refusal;
import io.openjims.collector.syslog.service.SyslogProcessor;
import io.openjims.collector.syslog.service.SyslogRules;
import io.quarkus.arc.ClientProxy;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The syslog listeners, on Quarkus' Vert.x instance: TCP (RFC 6587) and UDP ({@link SyslogUdpListener}) on one port,
 * TLS on another (RFC 5425, optionally with client certificates), RELP ({@link RelpConnection}) on a third. Applies the sender allow-list and scopes
 * ({@link SenderPolicy}), the connection limits (all together and per sender address), the idle timeout and the
 * message size limit.
 *
 * <p>TCP and TLS listen on one event loop per CPU core (one server each, sharing the port: Vert.x spreads the
 * connections over them).
 */
@ApplicationScoped
public class SyslogServer {

    static final String HEALTH_SOURCE = "syslog";

    private static final Logger LOG = Logger.getLogger(SyslogServer.class);
    private static final int BIND_ATTEMPTS = 5;

    private final Vertx vertx;
    private final SyslogConfig config;
    private final SyslogProcessor processor;
    private final EventPublisher kafka;
    private final SyslogRules rules;
    private final SyslogCounters counters;
    private final SourceHealth health;
    private final SenderPolicy senders;
    private final AtomicInteger connections = new AtomicInteger();
    /** Open TCP/TLS connections per sender address; an address leaves the map with its last connection. */
    private final ConcurrentMap<String, Integer> connectionsBySource = new ConcurrentHashMap<>();

    private final PublishGate tcpGate;
    private final SyslogUdpListener udp;
    private final int listenerInstances = Math.max(1, Runtime.getRuntime().availableProcessors());
    private final List<String> tcpDeployments = new ArrayList<>();
    private final List<String> tlsDeployments = new ArrayList<>();
    private final List<String> relpDeployments = new ArrayList<>();

    private SyslogTls tls;
    private volatile int port = -1;
    private volatile int tlsPort = -1;
    private volatile int relpPort = -1;

    public SyslogServer(
            Vertx vertx,
            SyslogConfig config,
            SyslogProcessor processor,
            EventPublisher kafka,
            SyslogRules rules,
            SyslogCounters counters,
            SourceHealth health) {
        this.vertx = vertx;
        this.config = config;
        // Called per message: the beans themselves, not their client proxies (a context lookup per call).
        this.processor = ClientProxy.unwrap(processor);
        this.kafka = ClientProxy.unwrap(kafka);
        this.rules = rules;
        this.counters = ClientProxy.unwrap(counters);
        this.health = health;
        this.senders = SenderPolicy.from(config);
        this.tcpGate = new PublishGate(config.maxInFlight());
        this.udp = new SyslogUdpListener(vertx, config, this.processor, this.kafka, this.counters, senders);
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Syslog listeners disabled (openjims.collector.syslog.enabled=false)");
            return;
        }
        rules.initialize();
        logSenderPolicy();
        try {
            start();
            health.recovered(HEALTH_SOURCE);
        } catch (Exception e) {
            LOG.errorf(e, "Syslog listeners did not start");
            health.failing(HEALTH_SOURCE, "listener did not start: " + e.getMessage());
        }
    }

    private void logSenderPolicy() {
        if (senders.admitsNobody()) {
            LOG.warn("Syslog is closed: openjims.collector.syslog.allowed-senders=none and no named sender"
                    + " (openjims.collector.syslog.senders), so every datagram and connection is refused (counted in"
                    + " openjims_syslog_denied_total) until the allow-list is set to the senders' addresses");
        } else if (senders.admitsEveryone()) {
            LOG.warn("Syslog accepts every sender address (openjims.collector.syslog.allowed-senders is unset);"
                    + " set it to the senders' addresses outside a lab");
        } else if (!senders.senderNames().isEmpty()) {
            LOG.infof("Syslog named senders with a scope: %s", senders.senderNames());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
        kafka.close();
    }

    /** The UDP and TCP port in use, or -1. */
    public int port() {
        return port;
    }

    /** The TLS port in use, or -1. */
    public int tlsPort() {
        return tlsPort;
    }

    /** The RELP port in use, or -1. */
    public int relpPort() {
        return relpPort;
    }

    /** The self-signed TLS certificate (PEM) generated at start, or null when certificates come from files. */
    public String tlsCertificatePem() {
        return tls == null ? null : tls.certificatePem();
    }

    synchronized void start() throws Exception {
        Exception last = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS && port < 0; attempt++) {
            try {
                bindPlain(config.port());
            } catch (Exception e) {
                last = e;
                closePlain();
                if (config.port() != 0) {
                    break;
                }
            }
        }
        if (port < 0) {
            throw last;
        }
        if (config.tls().enabled()) {
            tls = SyslogTls.from(config.tls().certFile(), config.tls().keyFile());
            NetServerOptions options = tcpOptions(config.tls().port())
                    .setSsl(true)
                    .setKeyCertOptions(tls.options())
                    .setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"));
            String clientAuth = SyslogTls.clientAuthentication(
                    options, config.tls().clientCaFile(), config.tls().clientAuth());
            tlsPort = listenOnEventLoops(options, tlsDeployments, socket -> accept(socket, false));
            LOG.infof(
                    "Syslog TLS listener on %s:%d (certificate %s; client certificates: %s)",
                    config.host(), tlsPort, tls.fingerprint(), clientAuth);
        }
        if (config.relp().enabled()) {
            relpPort = listenOnEventLoops(
                    tcpOptions(config.relp().port()), relpDeployments, socket -> accept(socket, true));
            LOG.infof("Syslog RELP listener on %s:%d", config.host(), relpPort);
        }
        LOG.infof("Syslog UDP and TCP listener on %s:%d", config.host(), port);
    }

    private void bindPlain(int wanted) throws Exception {
        int actual = listenOnEventLoops(tcpOptions(wanted), tcpDeployments, socket -> accept(socket, false));
        await(udp.listen(actual));
        port = actual;
    }

    /**
     * Listens with one server per event loop, all on the same port (Vert.x shares the listening socket between servers
     * of one port and spreads connections over them). Port 0 is first resolved to a free port. Returns the port.
     */
    private int listenOnEventLoops(NetServerOptions options, List<String> deployments, Handler<NetSocket> connections)
            throws Exception {
        NetServerOptions fixed = options;
        if (options.getPort() == 0) {
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(options.getHost()))) {
                fixed = new NetServerOptions(options).setPort(probe.getLocalPort());
            }
        }
        AtomicInteger actual = new AtomicInteger(-1);
        deployments.add(await(deployListeners(fixed, listenerInstances, actual, connections)));
        return actual.get();
    }

    private Future<String> deployListeners(
            NetServerOptions options, int instances, AtomicInteger actual, Handler<NetSocket> connections) {
        return vertx.deployVerticle(
                () -> new AbstractVerticle() {
                    @Override
                    public void start(Promise<Void> started) {
                        NetServer server = vertx.createNetServer(options).connectHandler(connections);
                        if (options.isSsl()) {
                            // Called for failures before a connection is handed over: TLS handshakes.
                            server.exceptionHandler(SyslogServer.this::handshakeFailed);
                        }
                        server.listen()
                                .onSuccess(listening -> {
                                    actual.set(listening.actualPort());
                                    started.complete();
                                })
                                .onFailure(started::fail);
                    }
                },
                new DeploymentOptions().setInstances(instances));
    }

    private NetServerOptions tcpOptions(int wanted) {
        return new NetServerOptions()
                .setHost(config.host())
                .setPort(wanted)
                .setIdleTimeout((int) Math.max(1, config.idleTimeout().toSeconds()))
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                // No fixed receive buffer: Vert.x would then read into buffers of that size (one humongous array per
                // read, a whole MiB decoded at once); the kernel's autotuning and Netty's adaptive reads do better.
                .setTcpKeepAlive(true);
    }

    synchronized void stop() {
        closePlain();
        undeploy(tlsDeployments);
        tlsPort = -1;
        undeploy(relpDeployments);
        relpPort = -1;
    }

    private void closePlain() {
        undeploy(tcpDeployments);
        udp.close();
        port = -1;
    }

    private void undeploy(List<String> deployments) {
        for (String id : deployments) {
            try {
                await(vertx.undeploy(id));
            } catch (Exception e) {
                LOG.debugf("syslog listener %s did not stop cleanly: %s", id, e.getMessage());
            }
        }
        deployments.clear();
    }

    private void accept(NetSocket socket, boolean relp) {
        String sender = sender(socket.remoteAddress());
        if (!senders.allows(sender)) {
            counters.denied();
            counters.connectionRefused(Refusal.DENIED);
            socket.close();
            return;
        }
        if (!openFrom(sender)) {
            counters.connectionRefused(Refusal.PER_SOURCE);
            LOG.debugf(
                    "syslog connection from %s refused: %d connections from it open",
                    sender, config.maxConnectionsPerSource());
            socket.close();
            return;
        }
        if (connections.incrementAndGet() > config.maxConnections()) {
            connections.decrementAndGet();
            closedFrom(sender);
            counters.connectionRefused(Refusal.MAX_CONNECTIONS);
            LOG.debugf("syslog connection from %s refused: %d connections open", sender, config.maxConnections());
            socket.close();
            return;
        }
        counters.connectionOpened();
        socket.closeHandler(ignored -> {
            connections.decrementAndGet();
            closedFrom(sender);
            counters.connectionClosed();
        });
        SenderScope scope = senders.scopeOf(sender);
        StreamSetup setup = new StreamSetup(
                socket,
                sender,
                scope,
                vertx.getOrCreateContext(),
                processor,
                kafka,
                counters,
                tcpGate,
                config.maxInFlightPerConnection(),
                config.maxMessageSize());
        if (relp) {
            new RelpConnection(setup).start();
        } else {
            new SyslogConnection(setup).start();
        }
    }

    /** Open TCP/TLS connections from the sender (canonical address). */
    int connectionsFrom(String sender) {
        return connectionsBySource.getOrDefault(sender, 0);
    }

    /** Counts one more connection from the sender unless its per-source limit is reached. */
    private boolean openFrom(String sender) {
        int limit = config.maxConnectionsPerSource();
        boolean[] opened = {false};
        connectionsBySource.compute(sender, (address, open) -> {
            int count = open == null ? 0 : open;
            if (count >= limit) {
                return open;
            }
            opened[0] = true;
            return count + 1;
        });
        return opened[0];
    }

    private void closedFrom(String sender) {
        connectionsBySource.computeIfPresent(sender, (address, open) -> open <= 1 ? null : open - 1);
    }

    private void handshakeFailed(Throwable failure) {
        SyslogCounters.HandshakeFailure reason = SyslogTls.handshakeFailure(failure);
        counters.handshakeFailed(reason);
        LOG.debugf("syslog TLS handshake failed (%s): %s", reason, failure.toString());
    }

    /** The sender's address in canonical form, as the allow-list and the counters name it. */
    static String sender(SocketAddress address) {
        if (address == null || address.hostAddress() == null) {
            return "unknown";
        }
        String host = address.hostAddress();
        try {
            return UsableAddresses.normalize(host);
        } catch (UsableAddresses.InvalidIpException e) {
            return host;
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
