package io.openjims.collector.radius;

import static io.openjims.collector.ingest.IngestTestSupport.adminToken;
import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

/** The two NAS of the RADIUS tests, created through the admin API once per database. */
final class RadiusTestClients {

    static final String NAS_A = "radius-test-nas-a";
    static final String SECRET_A = "nas-a-secret-0123";
    static final String NAS_B = "radius-test-nas-b";
    static final String SECRET_B = "nas-b-secret-4567";

    private RadiusTestClients() {}

    /**
     * NAS A on 127.0.0.1 (trusted to assert roles, domain EXAMPLE) and NAS B on 127.0.0.2 (not trusted, domain
     * branch.example.com), unless they exist.
     */
    static void ensure() {
        List<String> names = given().auth()
                .oauth2(adminToken())
                .get("/api/admin/radius-clients")
                .jsonPath()
                .getList("name");
        if (!names.contains(NAS_A)) {
            create(Map.of(
                    "name",
                    NAS_A,
                    "address",
                    "127.0.0.1",
                    "secret",
                    SECRET_A,
                    "domain",
                    "EXAMPLE",
                    "trust_asserted_roles",
                    true));
        }
        if (!names.contains(NAS_B)) {
            create(Map.of("name", NAS_B, "address", "127.0.0.2", "secret", SECRET_B, "domain", "branch.example.com"));
        }
    }

    private static void create(Map<String, Object> body) {
        given().auth()
                .oauth2(adminToken())
                .contentType("application/json")
                .body(body)
                .post("/api/admin/radius-clients")
                .then()
                .statusCode(201);
    }
}
