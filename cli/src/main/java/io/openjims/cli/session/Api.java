package io.openjims.cli.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.openjims.cli.core.CliException;
import io.openjims.cli.core.Json;
import io.openjims.cli.core.Service;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS JSON calls to the three services with the session's token: fetched with client credentials from
 * query-service, refreshed shortly before it expires (and once more on a 401), stored back in the session file.
 */
public final class Api {

    /** The token endpoint of query-service. */
    public static final String TOKEN_PATH = "/api/oauth_token/oauth";

    private static final Duration EARLY_REFRESH = Duration.ofSeconds(30);

    private final SessionStore store;
    private final HttpClient client;
    private final Clock clock;
    private Session session;

    public Api(SessionStore store, Session session, Clock clock) {
        this.store = store;
        this.session = session;
        this.clock = clock;
        this.client = httpClient(session.caFile());
    }

    /** A status and a body (JSON when it parses). */
    public record Answer(int status, String body) {

        public JsonNode json() {
            JsonNode node = Json.parse(body);
            return node == null ? Json.object() : node;
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The error body's {@code message} (or {@code error}), else the raw body, as one line. */
        public String errorMessage() {
            JsonNode node = Json.parse(body);
            if (node != null && node.hasNonNull("message")) {
                return oneLine(node.path("message").asText());
            }
            if (node != null && node.hasNonNull("error_description")) {
                return oneLine(node.path("error_description").asText());
            }
            if (node != null && node.hasNonNull("error")) {
                return oneLine(node.path("error").asText());
            }
            return body == null || body.isBlank() ? "HTTP " + status : oneLine(body);
        }

        public String errorCode() {
            JsonNode node = Json.parse(body);
            return node == null ? null : node.path("error").asText(null);
        }
    }

    public Session session() {
        return session;
    }

    /** Gets a new token with the session's client credentials, keeps it and saves the session. */
    public void login() {
        String form = "grant_type=client_credentials&client_id=" + encode(session.clientId()) + "&client_secret="
                + encode(session.clientSecret());
        URI uri = resolve(Service.QUERY, TOKEN_PATH);
        Answer answer = send(
                Service.QUERY,
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (answer.status() == 401 || answer.status() == 400) {
            throw CliException.failed("login refused for client " + session.clientId() + ": " + answer.errorMessage()
                    + " (check the client id and secret)");
        }
        if (answer.status() != 200) {
            throw CliException.failed(
                    "token request to " + uri + " answered " + answer.status() + ": " + answer.errorMessage());
        }
        JsonNode json = answer.json();
        String token = json.path("access_token").asText(null);
        if (token == null) {
            throw CliException.failed("token request to " + uri + " answered without an access_token");
        }
        long seconds = json.path("expires_in").asLong(300);
        session = session.withToken(token, clock.instant().plusSeconds(seconds));
        store.save(session);
    }

    public Answer get(Service service, String path) {
        return call(service, path, "GET", null);
    }

    public Answer post(Service service, String path, Object body) {
        return call(service, path, "POST", body);
    }

    public Answer put(Service service, String path, Object body) {
        return call(service, path, "PUT", body);
    }

    public Answer delete(Service service, String path) {
        return call(service, path, "DELETE", null);
    }

    /** A call that must succeed: else a failure naming the service and the server's message. */
    public JsonNode expect(String what, Service service, Answer answer) {
        if (answer.ok()) {
            return answer.json();
        }
        if (answer.status() == 404 && answer.errorCode() == null) {
            throw CliException.failed(service.display() + " at " + session.url(service) + " has no endpoint for " + what
                    + " (404): is the URL right and the service up to date?");
        }
        if (answer.status() == 403) {
            throw CliException.failed(what + ": client " + session.clientId() + " lacks the admin role on "
                    + service.display() + " (403)");
        }
        throw CliException.failed(
                what + " failed on " + service.display() + " (" + answer.status() + "): " + answer.errorMessage());
    }

    private Answer call(Service service, String path, String method, Object body) {
        if (session.accessToken() == null
                || session.tokenExpiry() == null
                || clock.instant().isAfter(session.tokenExpiry().minus(EARLY_REFRESH))) {
            login();
        }
        Answer answer = send(service, request(service, path, method, body));
        if (answer.status() == 401) {
            login();
            answer = send(service, request(service, path, method, body));
        }
        return answer;
    }

    private HttpRequest.Builder request(Service service, String path, String method, Object body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(resolve(service, path))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + session.accessToken());
        if (body == null) {
            return builder.method(
                    method,
                    method.equals("POST") || method.equals("PUT")
                            ? HttpRequest.BodyPublishers.ofString("")
                            : HttpRequest.BodyPublishers.noBody());
        }
        return builder.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(Json.compact(body)));
    }

    private URI resolve(Service service, String path) {
        String base = session.url(service);
        if (base == null) {
            throw CliException.failed(
                    "no URL for " + service.display() + ": run openjims login again with --" + service.key() + "-url");
        }
        return URI.create(base.replaceAll("/+$", "") + path);
    }

    private Answer send(Service service, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (SSLHandshakeException e) {
            throw CliException.failed("certificate of " + service.display() + " at " + session.url(service)
                    + " not trusted: pass --ca-file <CA certificate PEM> to openjims login");
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw CliException.failed("cannot connect to " + service.display() + " at " + session.url(service)
                    + ": is it running and the URL right?");
        } catch (HttpTimeoutException e) {
            throw CliException.failed(service.display() + " at " + session.url(service) + " did not answer in time");
        } catch (IOException e) {
            if (e.getCause() instanceof SSLHandshakeException
                    || String.valueOf(e.getMessage()).contains("PKIX")) {
                throw CliException.failed("certificate of " + service.display() + " at " + session.url(service)
                        + " not trusted: pass --ca-file <CA certificate PEM> to openjims login");
            }
            throw CliException.failed(
                    "request to " + service.display() + " at " + session.url(service) + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("interrupted");
        }
    }

    private static HttpClient httpClient(String caFile) {
        HttpClient.Builder builder =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1);
        if (caFile != null) {
            builder.sslContext(trusting(Path.of(caFile)));
        }
        return builder.build();
    }

    /** An SSL context trusting only the certificates of a PEM file. */
    static SSLContext trusting(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw CliException.failed("the CA file " + caFile + " holds no certificate");
            }
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trust.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw CliException.failed("could not read the CA file " + caFile + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw CliException.failed("the CA file " + caFile + " is not a PEM certificate: " + e.getMessage());
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
