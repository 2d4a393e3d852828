package io.openjims.collector.directory;

import static io.restassured.RestAssured.given;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.security.PrivateKey;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Admin tokens of the test issuer and calls of the directories API. */
public final class DirectoryTestSupport {

    private DirectoryTestSupport() {}

    public static String token(String... roles) {
        try {
            PrivateKey key = KeyUtils.readPrivateKey("jwt/privateKey.pem");
            return Jwt.issuer("openjims")
                    .audience("openjims-collector")
                    .subject("directory-test")
                    .groups(Set.of(roles))
                    .expiresIn(600)
                    .jws()
                    .keyId(testKid())
                    .algorithm(SignatureAlgorithm.RS256)
                    .sign(key);
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    public static String admin() {
        return token("admin");
    }

    /** A directory body for the AD-like test server; callers adjust fields. */
    public static Map<String, Object> adBody(String name, String url, String domain) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("kind", "active-directory");
        body.put("url", url);
        body.put("bind_dn", AdLikeDirectory.BIND_DN);
        body.put("bind_password", AdLikeDirectory.BIND_PASSWORD);
        body.put("base_dn", AdLikeDirectory.BASE);
        body.put("domain", domain);
        body.put("netbios_name", "ADTEST");
        body.put("upn_suffixes", List.of("ad.test"));
        body.put("poll_interval_seconds", 10);
        return body;
    }

    /**
     * Gives a body a NetBIOS name and UPN suffix of its own: directories of one collector may not share them, so a
     * test holding several directories at once needs this.
     */
    public static Map<String, Object> withOwnNames(Map<String, Object> body) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        body.put("netbios_name", "N" + tag.toUpperCase(Locale.ROOT));
        body.put("upn_suffixes", List.of(tag + ".upn.test"));
        return body;
    }

    /** Creates a directory; returns its id. */
    public static String create(Map<String, Object> body) {
        return given().auth()
                .oauth2(admin())
                .contentType("application/json")
                .body(body)
                .post("/api/admin/directories")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    public static void syncNow(String id) {
        given().auth()
                .oauth2(admin())
                .post("/api/admin/directories/" + id + "/sync")
                .then()
                .statusCode(202);
    }

    public static Map<String, Object> status(String id) {
        return given().auth()
                .oauth2(admin())
                .get("/api/admin/directories/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("status");
    }

    public static void delete(String id) {
        given().auth().oauth2(admin()).delete("/api/admin/directories/" + id);
    }

    /** The kid of the test key pair (its public key's thumbprint). */
    static String testKid() {
        try {
            return io.openjims.support.jwt.KeyIds.of(io.smallrye.jwt.util.KeyUtils.readPublicKey("jwt/publicKey.pem"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
