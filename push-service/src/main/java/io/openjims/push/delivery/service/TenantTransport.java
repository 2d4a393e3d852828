package io.openjims.push.delivery.service;

import io.openjims.support.tls.Pem;
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * POSTs batches to one tenant endpoint: HTTPS with TLS 1.2 or 1.3 only, host name verification on, the tenant's CA
 * (or the system trust store) and optional client certificate, HTTP Basic with the tenant's credentials. A tenant
 * cannot hold its worker: the whole exchange (answer and body) has one deadline, at most {@code maxResponseBytes} of
 * the answer are read before the connection is closed, and {@link EndpointPolicy} is asked before every batch.
 */
public final class TenantTransport implements AutoCloseable {

    private static final int ERROR_BODY_CHARS = 200;

    private final HttpClient client;
    private final URI endpoint;
    private final String authorization;
    private final Duration requestTimeout;
    private final EndpointPolicy policy;
    private final int maxResponseBytes;

    private TenantTransport(
            HttpClient client,
            URI endpoint,
            String authorization,
            Duration requestTimeout,
            EndpointPolicy policy,
            int maxResponseBytes) {
        this.client = client;
        this.endpoint = endpoint;
        this.authorization = authorization;
        this.requestTimeout = requestTimeout;
        this.policy = policy;
        this.maxResponseBytes = maxResponseBytes;
    }

    /** Builds the transport; throws {@link IllegalArgumentException} with a readable reason on bad TLS material. */
    public static TenantTransport create(
            TenantSettings tenant,
            Duration connectTimeout,
            Duration requestTimeout,
            EndpointPolicy policy,
            int maxResponseBytes) {
        SSLContext tls;
        try {
            TrustManager[] trust = tenant.caPem() == null
                    ? null
                    : Pem.trustManagers(tenant.caPem()).getTrustManagers();
            KeyManager[] keys = tenant.clientCertPem() == null || tenant.clientKeyPem() == null
                    ? null
                    : Pem.keyManagers(tenant.clientCertPem(), tenant.clientKeyPem())
                            .getKeyManagers();
            tls = SSLContext.getInstance("TLS");
            tls.init(keys, trust, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS setup failed: " + e.getMessage(), e);
        }
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .sslContext(tls)
                .sslParameters(parameters)
                .followRedirects(HttpClient.Redirect.NEVER);
        String basic = Base64.getEncoder()
                .encodeToString((tenant.username() + ":" + tenant.password()).getBytes(StandardCharsets.UTF_8));
        return new TenantTransport(
                builder.build(), tenant.endpoint(), "Basic " + basic, requestTimeout, policy, maxResponseBytes);
    }

    public SendResult send(byte[] body, UUID batchId) {
        String refused = policy.refusal(endpoint);
        if (refused != null) {
            return SendResult.failed(0, "refused: " + refused);
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .header("X-OpenJIMS-Batch-Id", batchId.toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        CompletableFuture<HttpResponse<String>> exchange =
                client.sendAsync(request, info -> new CappedBody(maxResponseBytes));
        try {
            HttpResponse<String> response = exchange.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return SendResult.ok(status);
            }
            return SendResult.failed(status, "HTTP " + status + " from " + hostPort() + snippet(response.body()));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return SendResult.failed(
                    0, "no complete answer from " + hostPort() + " within " + requestTimeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return SendResult.failed(0, "interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return SendResult.failed(0, describe(cause instanceof Exception ex ? ex : e));
        } catch (RuntimeException e) {
            return SendResult.failed(0, describe(e));
        }
    }

    /**
     * Collects at most {@code max} bytes of an answer as text, then cancels the stream (the client closes the
     * connection), so a tenant sending an endless body costs {@code max} bytes and no time.
     */
    static final class CappedBody implements HttpResponse.BodySubscriber<String> {
        private final int max;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<String> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedBody(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<String> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                int take = Math.min(b.remaining(), max - bytes.size());
                byte[] chunk = new byte[take];
                b.get(chunk);
                bytes.write(chunk, 0, take);
            }
            if (bytes.size() >= max) {
                subscription.cancel();
                result.complete(text() + " [cut at " + max + " bytes]");
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(text());
        }

        private String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** A readable reason for a failed exchange: TLS certificate, TLS handshake, connect, timeout or network. */
    String describe(Exception e) {
        SSLException tlsFailure = find(e, SSLException.class);
        if (tlsFailure != null) {
            CertificateException certificate = find(e, CertificateException.class);
            String detail = certificate != null ? rootMessage(certificate) : rootMessage(tlsFailure);
            if (certificate != null || detail.contains("PKIX") || detail.contains("certificate")) {
                return "TLS certificate verification failed for " + hostPort() + ": " + detail;
            }
            return (tlsFailure instanceof SSLHandshakeException ? "TLS handshake failed with " : "TLS failure with ")
                    + hostPort() + ": " + detail;
        }
        if (find(e, HttpConnectTimeoutException.class) != null) {
            return "connect timeout to " + hostPort();
        }
        if (find(e, HttpTimeoutException.class) != null) {
            return "no answer from " + hostPort() + " within " + requestTimeout.toSeconds() + " s";
        }
        if (find(e, ConnectException.class) != null) {
            return "connection refused or unreachable: " + hostPort();
        }
        if (find(e, UnresolvedAddressException.class) != null || find(e, java.net.UnknownHostException.class) != null) {
            return "unknown host: " + endpoint.getHost();
        }
        return "network failure with " + hostPort() + ": " + e.getClass().getSimpleName() + " " + rootMessage(e);
    }

    private String hostPort() {
        int port = endpoint.getPort() != -1
                ? endpoint.getPort()
                : "http".equalsIgnoreCase(endpoint.getScheme()) ? 80 : 443;
        return endpoint.getHost() + ":" + port;
    }

    private static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.replaceAll("[\\r\\n\\t]+", " ").trim();
        return ": " + (oneLine.length() > ERROR_BODY_CHARS ? oneLine.substring(0, ERROR_BODY_CHARS) + "…" : oneLine);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : e.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }

    /** Drops the client; on Java 17 its selector thread ends once the client is unreachable. */
    @Override
    public void close() {
        // HttpClient has no close() before Java 21.
    }
}
