package io.openjims.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.openjims.devinfra.Nginx;
import io.openjims.devinfra.local.LocalPki;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A CSO / Secure Edge tenant endpoint: a real HTTPS server (localhost certificate of the local CA) that accepts
 * {@code POST /ingest} with HTTP Basic auth and records every accepted batch; or, {@link #behindNginx}, the same
 * recorder over plain HTTP on loopback behind a real nginx that terminates TLS and checks Basic auth. For fault tests
 * it can go down (the port refuses connections), answer an error status, or answer slowly.
 */
public final class TenantReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SSLContext serverContext;
    private final int port;
    private final Nginx front;
    private HttpServer server;
    private final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
    private final List<Integer> rejectedStatuses = new CopyOnWriteArrayList<>();
    private volatile String expectedAuthorization;
    private volatile int failWith;
    private volatile Duration delay = Duration.ZERO;
    private final ScheduledExecutorService slowAnswers = Executors.newSingleThreadScheduledExecutor();

    public TenantReceiver(SSLContext serverContext) throws IOException {
        this.serverContext = serverContext;
        this.front = null;
        server = listen(0);
        port = server.getAddress().getPort();
    }

    private TenantReceiver(LocalPki pki) throws IOException {
        this.serverContext = null;
        server = listen(0);
        port = server.getAddress().getPort();
        front = Nginx.tlsBasicAuthProxy(pki.serverCertificate(), pki.serverKey(), port);
    }

    /**
     * A receiver behind a real nginx, as a tenant runs one: nginx terminates TLS (the stack's localhost certificate)
     * and checks Basic auth against its htpasswd file, then passes the request to this recorder on loopback (plain
     * HTTP), which checks the credentials once more. Needs nginx ({@link Nginx#installed()}).
     */
    public static TenantReceiver behindNginx(LocalPki pki) throws IOException {
        return new TenantReceiver(pki);
    }

    private HttpServer listen(int onPort) throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort);
        HttpServer http;
        if (serverContext != null) {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(serverContext));
            http = https;
        } else {
            http = HttpServer.create(address, 0);
        }
        http.setExecutor(Executors.newFixedThreadPool(2));
        http.createContext("/ingest", this::handle);
        http.start();
        return http;
    }

    /** The endpoint to register with push-service. */
    public String endpoint() {
        return (front != null ? front.baseUrl() : "https://localhost:" + port) + "/ingest";
    }

    /** The nginx in front, if any. */
    public Optional<Nginx> front() {
        return Optional.ofNullable(front);
    }

    /**
     * Stops listening: connections to the endpoint are refused until {@link #up()} (behind nginx: nginx stops, as a
     * tenant's whole endpoint would be gone).
     */
    public synchronized void down() {
        if (front != null) {
            front.stop();
            return;
        }
        if (server != null) {
            stop(server);
            server = null;
        }
    }

    /** Listens again on the same port. */
    public synchronized void up() throws IOException {
        if (front != null) {
            front.start();
            return;
        }
        if (server == null) {
            server = listen(port);
        }
    }

    /** Answers every batch with {@code status} (and records none) until called with 0. */
    public void failWith(int status) {
        failWith = status;
    }

    /** Waits this long before answering each batch. */
    public void delay(Duration value) {
        delay = value;
    }

    /** Basic credentials the receiver accepts (the tenant's generated username and its password). */
    public void credentials(String username, String password) {
        expectedAuthorization = "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        if (front != null) {
            front.credentials(username, password);
        }
    }

    /** Every item of every accepted batch. */
    public List<JsonNode> items() {
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode batch : accepted) {
            batch.path("items").forEach(items::add);
        }
        return items;
    }

    /** Every accepted batch, resends of a batch included. */
    public List<JsonNode> batches() {
        return accepted;
    }

    /** Statuses other than 200 the receiver answered (bad credentials, a bad body, or {@link #failWith}). */
    public List<Integer> rejectedStatuses() {
        return rejectedStatuses;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Duration answerAfter = delay;
        if (answerAfter.isZero()) {
            answer(exchange, body);
            return;
        }
        // A slow tenant: the answer leaves later, from the scheduler, without holding a handler thread.
        slowAnswers.schedule(
                () -> {
                    try {
                        answer(exchange, body);
                    } catch (IOException | RuntimeException e) {
                        exchange.close();
                    }
                },
                answerAfter.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void answer(HttpExchange exchange, byte[] body) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            int status;
            if (!"POST".equals(exchange.getRequestMethod())) {
                status = 405;
            } else if (expectedAuthorization == null || !expectedAuthorization.equals(authorization)) {
                status = 401;
            } else if (failWith != 0) {
                status = failWith;
            } else {
                try {
                    accepted.add(JSON.readTree(body));
                    status = 200;
                } catch (IOException e) {
                    status = 400;
                }
            }
            if (status != 200) {
                rejectedStatuses.add(status);
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private static void stop(HttpServer https) {
        https.stop(0);
        ((java.util.concurrent.ExecutorService) https.getExecutor()).shutdownNow();
    }

    @Override
    public synchronized void close() {
        slowAnswers.shutdownNow();
        if (front != null) {
            front.close();
        }
        if (server != null) {
            stop(server);
            server = null;
        }
    }
}
