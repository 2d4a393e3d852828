package io.openjims.push.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The tenant admin API as a test uses it. */
public final class AdminClient {

    private AdminClient() {}

    public static String createTenant(
            String name, String kind, String endpoint, List<String> domains, String password, String caPem) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("kind", kind);
        body.put("endpoint", endpoint);
        body.put("domains", domains);
        body.put("password", password);
        if (caPem != null) {
            body.put("ca_pem", caPem);
        }
        return createTenant(body);
    }

    public static String createTenant(Map<String, Object> body) {
        return given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/admin/tenants")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    public static JsonPath tenant(String id) {
        return given().auth()
                .oauth2(Tokens.admin())
                .get("/api/admin/tenants/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    public static String username(String id) {
        return tenant(id).getString("username");
    }

    public static void resync(String id) {
        given().auth()
                .oauth2(Tokens.admin())
                .post("/api/admin/tenants/" + id + "/resync")
                .then()
                .statusCode(202);
    }

    public static void changePassword(String id, String password) {
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("password", password, "confirm", password))
                .put("/api/admin/tenants/" + id + "/password")
                .then()
                .statusCode(204);
    }

    /** Username and password together, as CSO issues them. */
    public static void changeCredentials(String id, String username, String password) {
        given().auth()
                .oauth2(Tokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password, "confirm", password))
                .put("/api/admin/tenants/" + id + "/password")
                .then()
                .statusCode(204);
    }

    public static void delete(String id) {
        given().auth()
                .oauth2(Tokens.admin())
                .delete("/api/admin/tenants/" + id)
                .then()
                .statusCode(204);
    }
}
