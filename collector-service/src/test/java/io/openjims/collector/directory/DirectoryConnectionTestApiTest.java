package io.openjims.collector.directory;

import static io.openjims.collector.directory.DirectoryTestSupport.adBody;
import static io.openjims.collector.directory.DirectoryTestSupport.admin;
import static io.openjims.collector.directory.DirectoryTestSupport.token;
import static io.openjims.collector.directory.DirectoryTestSupport.withOwnNames;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Test connection against real LDAP servers (UnboundID in-memory, LDAP and LDAPS): the right credentials bind and
 * count entries, a wrong password, a closed port, an untrusted certificate and a missing base DN each give their
 * error code; a stored directory is tested with its encrypted password; no answer ever holds a password.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DirectoryConnectionTestApiTest {

    private static final String WRONG = "Wrong-Bind-" + UUID.randomUUID();

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : cleanup) {
            c.close();
        }
    }

    private static String domain() {
        return "t" + UUID.randomUUID().toString().substring(0, 8) + ".conn.test";
    }

    private static Map<String, Object> body(String url) {
        String domain = domain();
        return withOwnNames(adBody("conn-" + domain.substring(0, 9), url, domain));
    }

    private static JsonPath test(String path, Object body) {
        var request = given().auth().oauth2(admin()).contentType("application/json");
        if (body != null) {
            request = request.body(body);
        }
        String answer = request.post(path).then().statusCode(200).extract().asString();
        assertThat(answer).doesNotContain(AdLikeDirectory.BIND_PASSWORD).doesNotContain(WRONG);
        return JsonPath.from(answer);
    }

    @Test
    void aDefinitionIsTestedWithARealBindAndSearch() throws Exception {
        AdLikeDirectory ad = AdLikeDirectory.start();
        cleanup.add(ad);
        ad.addUser("Alice", "alice");
        ad.addUser("Bob", "bob");

        JsonPath ok = test("/api/admin/directories/test", body(ad.ldapUrl()));
        assertThat(ok.getBoolean("ok")).isTrue();
        assertThat(ok.getString("error")).isNull();
        // The base, its three containers and two users.
        assertThat(ok.getInt("entries_seen")).isEqualTo(6);
        assertThat(ok.getBoolean("entries_limited")).isFalse();
        assertThat(ok.getString("message")).contains("bound as " + AdLikeDirectory.BIND_DN);

        Map<String, Object> wrong = body(ad.ldapUrl());
        wrong.put("bind_password", WRONG);
        JsonPath refused = test("/api/admin/directories/test", wrong);
        assertThat(refused.getBoolean("ok")).isFalse();
        assertThat(refused.getString("error")).isEqualTo("bind_failed");
        assertThat(refused.getString("message")).contains("invalid credentials");

        JsonPath closed = test("/api/admin/directories/test", body("ldap://127.0.0.1:1"));
        assertThat(closed.getBoolean("ok")).isFalse();
        assertThat(closed.getString("error")).isEqualTo("unreachable");
        assertThat(closed.getString("message")).contains("cannot connect to 127.0.0.1:1");

        Map<String, Object> noBase = body(ad.ldapUrl());
        noBase.put("base_dn", "OU=Nowhere,DC=ad,DC=test");
        JsonPath missing = test("/api/admin/directories/test", noBase);
        assertThat(missing.getString("error")).isEqualTo("base_dn_not_found");

        // An invalid definition is refused like POST would refuse it, naming the field.
        Map<String, Object> bad = body("http://dc1.example.com");
        given().auth()
                .oauth2(admin())
                .contentType("application/json")
                .body(bad)
                .post("/api/admin/directories/test")
                .then()
                .statusCode(400)
                .body("field", equalTo("url"));
        given().auth()
                .oauth2(token("srx"))
                .contentType("application/json")
                .body(body(ad.ldapUrl()))
                .post("/api/admin/directories/test")
                .then()
                .statusCode(403);
    }

    @Test
    void anUntrustedCertificateIsATlsError() throws Exception {
        TestCertificates certs = TestCertificates.create();
        AdLikeDirectory ad = AdLikeDirectory.start(certs.serverSocketFactory());
        cleanup.add(ad);
        Map<String, Object> good = body("ldaps://localhost:" + ad.port());
        good.put("ca_pem", certs.caPem);
        assertThat(test("/api/admin/directories/test", good).getBoolean("ok")).isTrue();
        Map<String, Object> wrongCa = body("ldaps://localhost:" + ad.port());
        wrongCa.put("ca_pem", certs.otherCaPem);
        JsonPath tls = test("/api/admin/directories/test", wrongCa);
        assertThat(tls.getBoolean("ok")).isFalse();
        assertThat(tls.getString("error")).isEqualTo("tls_failed");
        assertThat(tls.getString("message")).contains("not trusted");
    }

    @Test
    void aStoredDirectoryIsTestedWithItsEncryptedPassword() throws Exception {
        AdLikeDirectory ad = AdLikeDirectory.start();
        cleanup.add(ad);
        Map<String, Object> body = body(ad.ldapUrl());
        String id = DirectoryTestSupport.create(body);
        cleanup.add(() -> DirectoryTestSupport.delete(id));

        // As stored.
        JsonPath stored = test("/api/admin/directories/" + id + "/test", null);
        assertThat(stored.getBoolean("ok")).as(stored.prettify()).isTrue();
        // The edit form's fields without a password: the stored one is used.
        body.remove("bind_password");
        assertThat(test("/api/admin/directories/" + id + "/test", body).getBoolean("ok"))
                .isTrue();
        // A password typed into the form wins over the stored one.
        body.put("bind_password", WRONG);
        assertThat(test("/api/admin/directories/" + id + "/test", body).getString("error"))
                .isEqualTo("bind_failed");
        // A changed port with the stored password: the new address is tried.
        body.remove("bind_password");
        body.put("url", "ldap://127.0.0.1:1");
        assertThat(test("/api/admin/directories/" + id + "/test", body).getString("error"))
                .isEqualTo("unreachable");
        // Nothing was saved by the tests.
        assertThat((String) given().auth()
                        .oauth2(admin())
                        .get("/api/admin/directories/" + id)
                        .then()
                        .extract()
                        .path("url"))
                .isEqualTo(ad.ldapUrl());
        given().auth()
                .oauth2(admin())
                .post("/api/admin/directories/" + UUID.randomUUID() + "/test")
                .then()
                .statusCode(404);
    }
}
