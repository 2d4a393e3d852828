package io.openjims.push.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * A real HTTPS tenant endpoint for tests (JDK HttpsServer, certificate from {@link TestPki}), checking HTTP Basic
 * credentials and recording every attempt. It can answer a forced status, be stopped and started again on the same
 * port, and require a client certificate.
 */
public final class TestReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One POST as received. {@code status} is what the receiver answered. */
    public record Attempt(String batchId, JsonNode body, int status, Instant at, String clientSubject) {}

    private final SSLContext tls;
    private final boolean requireClientCert;
    private final List<Attempt> attempts = new ArrayList<>();
    private volatile String username;
    private volatile String password;
    private volatile int forcedStatus;
    private volatile long hostileBytes;
    private volatile long hostilePauseMillis;
    private int port;
    private HttpsServer server;
    private ExecutorService executor;

    private TestReceiver(SSLContext tls, boolean requireClientCert, String username, String password) {
        this.tls = tls;
        this.requireClientCert = requireClientCert;
        this.username = username;
        this.password = password;
    }

    public static TestReceiver start(TestPki.Issued cert, String username, String password) {
        return start(cert, username, password, false);
    }

    public static TestReceiver start(TestPki.Issued cert, String username, String password, boolean clientCert) {
        TestReceiver receiver = new TestReceiver(cert.serverContext(), clientCert, username, password);
        receiver.listen(0);
        return receiver;
    }

    public String endpoint() {
        return "https://localhost:" + port + "/push";
    }

    public int port() {
        return port;
    }

    public void credentials(String username, String password) {
        this.username = username;
        this.password = password;
    }

    /**
     * Answer with a body of {@code bytes} (0: a short JSON body), sent in 1 KiB chunks {@code pauseMillis} apart: a
     * hostile tenant that floods or drips.
     */
    public void hostileBody(long bytes, long pauseMillis) {
        this.hostileBytes = bytes;
        this.hostilePauseMillis = pauseMillis;
    }

    /** Answer every request with this status (0: behave normally). */
    public void forceStatus(int status) {
        this.forcedStatus = status;
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    public synchronized void restart() {
        if (server == null) {
            listen(port);
        }
    }

    public synchronized List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** Batches answered with 2xx, in the order they arrived. */
    public synchronized List<Attempt> accepted() {
        return attempts.stream().filter(a -> a.status() / 100 == 2).toList();
    }

    /** Items of all accepted batches, in order. */
    public synchronized List<JsonNode> acceptedItems() {
        List<JsonNode> out = new ArrayList<>();
        for (Attempt a : accepted()) {
            a.body().path("items").forEach(out::add);
        }
        return out;
    }

    @Override
    public void close() {
        stop();
    }

    private void listen(int onPort) {
        try {
            HttpsServer s = HttpsServer.create(new InetSocketAddress("127.0.0.1", onPort), 64);
            s.setHttpsConfigurator(new HttpsConfigurator(tls) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters p = tls.getDefaultSSLParameters();
                    p.setNeedClientAuth(requireClientCert);
                    params.setSSLParameters(p);
                }
            });
            s.createContext("/push", this::handle);
            executor = Executors.newFixedThreadPool(4);
            s.setExecutor(executor);
            s.start();
            server = s;
            port = s.getAddress().getPort();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the test receiver on port " + onPort, e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        String expected = "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        int status;
        String answer;
        if (!"POST".equals(exchange.getRequestMethod())) {
            status = 405;
            answer = "{\"error\":\"method\"}";
        } else if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            status = 401;
            answer = "{\"error\":\"unauthorized\",\"message\":\"bad credentials\"}";
        } else if (forcedStatus != 0) {
            status = forcedStatus;
            answer = "{\"error\":\"forced\"}";
        } else {
            status = 200;
            answer = "{\"ok\":true}";
        }
        JsonNode body;
        try {
            body = JSON.readTree(bytes);
        } catch (IOException e) {
            body = JSON.createObjectNode().put("unparsable", new String(bytes, StandardCharsets.UTF_8));
        }
        String subject = null;
        if (exchange instanceof HttpsExchange https) {
            SSLSession session = https.getSSLSession();
            try {
                if (session != null && session.getPeerCertificates().length > 0) {
                    subject = ((X509Certificate) session.getPeerCertificates()[0])
                            .getSubjectX500Principal()
                            .getName();
                }
            } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                subject = null;
            }
        }
        synchronized (this) {
            attempts.add(new Attempt(body.path("batch_id").asText(null), body, status, Instant.now(), subject));
        }
        if (hostileBytes > 0) {
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(status, 0); // chunked, no length
            byte[] chunk = new byte[1024];
            java.util.Arrays.fill(chunk, (byte) 'x');
            try (var out = exchange.getResponseBody()) {
                for (long sent = 0; sent < hostileBytes; sent += chunk.length) {
                    out.write(chunk);
                    if (hostilePauseMillis > 0) {
                        // Pacing a dripping sender (not a wait for a condition).
                        java.util.concurrent.locks.LockSupport.parkNanos(hostilePauseMillis * 1_000_000L);
                    }
                }
            } catch (IOException closedByTheClient) {
                // what a capped reader does
            }
            exchange.close();
            return;
        }
        byte[] out = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }
}
