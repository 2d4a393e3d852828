package io.openjims.devinfra.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** A small HTTPS JSON client for the stack's APIs (token, admin, SRX queries), trusting only the local CA. */
public final class LocalApi {

    /** Default token path of the design (after {@code /api/}: {@code oauth_token/oauth}). */
    public static final String TOKEN_PATH = "/api/oauth_token/oauth";

    /** Default SRX query path of the design (after {@code /api/}: {@code user_query/v2}). */
    public static final String QUERY_PATH = "/api/user_query/v2";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;

    public LocalApi(SSLContext sslContext) {
        this.client = HttpClient.newBuilder()
                .sslContext(sslContext)
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public HttpClient httpClient() {
        return client;
    }

    /** An answer: status and body, parsed as JSON when it is JSON. */
    public record Answer(int status, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Not JSON (" + status + "): " + body, e);
            }
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** Client-credentials token (form encoding), or an exception naming the status and error body. */
    public String token(URI queryService, String clientId, String clientSecret) {
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret="
                + encode(clientSecret);
        Answer answer = send(HttpRequest.newBuilder(queryService.resolve(TOKEN_PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (answer.status() != 200) {
            throw new ApiException("token request for client " + clientId, answer);
        }
        return answer.json().path("access_token").asText();
    }

    public Answer get(URI uri, String bearer) {
        return send(authorized(HttpRequest.newBuilder(uri), bearer).GET());
    }

    public Answer postJson(URI uri, String bearer, Object body) {
        return send(authorized(HttpRequest.newBuilder(uri), bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(toJson(body))));
    }

    /** A form post without a token (e.g. the PAN-OS User-ID API, which carries its key in the form). */
    public Answer postForm(URI uri, java.util.Map<String, String> fields) {
        StringBuilder form = new StringBuilder();
        fields.forEach((name, value) -> {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(encode(name)).append('=').append(encode(value));
        });
        return send(HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
    }

    public Answer delete(URI uri, String bearer) {
        return send(authorized(HttpRequest.newBuilder(uri), bearer).DELETE());
    }

    public static String toJson(Object body) {
        if (body instanceof String text) {
            return text;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not serializable as JSON: " + body, e);
        }
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder builder, String bearer) {
        builder.timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("HTTPS request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A call that did not answer as expected. */
    public static final class ApiException extends RuntimeException {
        private final Answer answer;

        public ApiException(String what, Answer answer) {
            super(what + " answered " + answer.status() + ": " + answer.body());
            this.answer = answer;
        }

        public Answer answer() {
            return answer;
        }
    }
}
