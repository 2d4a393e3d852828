package io.openjims.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A CSO / Secure Edge tenant endpoint: a real HTTPS server (localhost certificate of the local CA) that accepts
 * {@code POST /ingest} with HTTP Basic auth and records every accepted batch.
 */
final class TenantReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpsServer server;
    private final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
    private final List<Integer> rejectedStatuses = new CopyOnWriteArrayList<>();
    private volatile String expectedAuthorization;

    TenantReceiver(SSLContext serverContext) throws IOException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/ingest", this::handle);
        server.start();
    }

    /** The endpoint to register with push-service. */
    String endpoint() {
        return "https://localhost:" + server.getAddress().getPort() + "/ingest";
    }

    /** Basic credentials the receiver accepts (the tenant's generated username and its password). */
    void credentials(String username, String password) {
        expectedAuthorization = "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Every item of every accepted batch. */
    List<JsonNode> items() {
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode batch : accepted) {
            batch.path("items").forEach(items::add);
        }
        return items;
    }

    List<JsonNode> batches() {
        return accepted;
    }

    List<Integer> rejectedStatuses() {
        return rejectedStatuses;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            int status;
            if (!"POST".equals(exchange.getRequestMethod())) {
                status = 405;
            } else if (expectedAuthorization == null || !expectedAuthorization.equals(authorization)) {
                status = 401;
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

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
