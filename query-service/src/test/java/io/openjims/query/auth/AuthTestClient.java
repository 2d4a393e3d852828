package io.openjims.query.auth;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Drives the token endpoint and the client admin API over HTTP like an SRX or an admin tool would. */
final class AuthTestClient {

    static final String TOKEN_PATH = "/api/oauth_token/oauth";
    static final String ADMIN_ID = "test-admin";
    static final String ADMIN_SECRET = "test-admin-secret-0123456789";

    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);

    private AuthTestClient() {}

    /** A source address no other test uses, for X-Forwarded-For (the brute-force guard counts per address). */
    static String freshAddress() {
        int n = NEXT_ADDRESS.getAndIncrement();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }

    static Response formToken(String clientId, String secret) {
        return given().header("X-Forwarded-For", freshAddress())
                .contentType(ContentType.URLENC.withCharset("UTF-8"))
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", secret)
                .post(TOKEN_PATH);
    }

    static String token(String clientId, String secret) {
        return formToken(clientId, secret).then().statusCode(200).extract().path("access_token");
    }

    static String adminToken() {
        return token(ADMIN_ID, ADMIN_SECRET);
    }

    /** Creates a client with the configured admin; returns client_id and client_secret. */
    static Map<String, Object> createClient(String name, String... roles) {
        return given().auth()
                .oauth2(adminToken())
                .contentType(ContentType.JSON)
                .body(Map.of("name", name, "roles", List.of(roles)))
                .post("/api/admin/clients")
                .then()
                .statusCode(201)
                .extract()
                .as(Map.class);
    }
}
