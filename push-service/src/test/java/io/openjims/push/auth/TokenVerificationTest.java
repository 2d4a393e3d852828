package io.openjims.push.auth;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.openjims.devinfra.KafkaTestResource;
import io.openjims.devinfra.PostgresTestResource;
import io.openjims.devinfra.SharedInfra;
import io.openjims.model.TokenRevocation;
import io.openjims.model.Topics;
import io.openjims.model.kafka.TokenRevocationSerializer;
import io.openjims.support.jwt.KeyIds;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Audience, kid and key rotation, and revocations over the real revocation topic, at the push admin API. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TokenVerificationTest {

    private static final String TENANTS = "/api/admin/tenants";
    private static final Path EXTRA_KEYS = Path.of("target/test-jwt/extra-keys.pem");

    @Test
    void onlyTokensNamingThisServiceInTheirAudienceAreAccepted() throws Exception {
        PrivateKey key = testKey();
        String kid = KeyIds.ofPrivate(key);
        given().auth()
                .oauth2(token("srx-1", "srx", "openjims-query", kid, key, null))
                .get(TENANTS)
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_token"));
        given().auth()
                .oauth2(token("admin-q", "admin", "openjims-query", kid, key, null))
                .get(TENANTS)
                .then()
                .statusCode(401)
                .body("error", equalTo("invalid_token"));
        given().auth()
                .oauth2(token("admin-p", "admin", "openjims-push", kid, key, null))
                .get(TENANTS)
                .then()
                .statusCode(200);
    }

    @Test
    void aSecondKeyIsAcceptedWhileListedAndUnknownOrMissingKidsAreRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair next = generator.generateKeyPair();
        String nextToken =
                token("admin-next", "admin", "openjims-push", KeyIds.of(next.getPublic()), next.getPrivate(), null);
        Files.deleteIfExists(EXTRA_KEYS);
        given().auth().oauth2(nextToken).get(TENANTS).then().statusCode(401);

        Files.createDirectories(EXTRA_KEYS.getParent());
        Files.writeString(
                EXTRA_KEYS,
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(next.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
        try {
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() ->
                            given().auth().oauth2(nextToken).get(TENANTS).then().statusCode(200));
            // The current key keeps working beside it.
            given().auth()
                    .oauth2(token("admin-cur", "admin", "openjims-push", KeyIds.ofPrivate(testKey()), testKey(), null))
                    .get(TENANTS)
                    .then()
                    .statusCode(200);
        } finally {
            Files.deleteIfExists(EXTRA_KEYS);
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().auth()
                        .oauth2(nextToken)
                        .get(TENANTS)
                        .then()
                        .statusCode(401)
                        .body("error", equalTo("invalid_token")));

        given().auth()
                .oauth2(token("admin-unknown", "admin", "openjims-push", "no-such-kid", testKey(), null))
                .get(TENANTS)
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(token("admin-nokid", "admin", "openjims-push", null, testKey(), null))
                .get(TENANTS)
                .then()
                .statusCode(401);
    }

    @Test
    void aRevokedClientsTokensAreRefusedWithinSecondsAndItsNewOnesWork() throws Exception {
        PrivateKey key = testKey();
        String kid = KeyIds.ofPrivate(key);
        String client = "admin-" + UUID.randomUUID();
        Instant secretSet = Instant.now().minusSeconds(60);
        String old = token(client, "admin", "openjims-push", kid, key, secretSet.toEpochMilli());
        given().auth().oauth2(old).get(TENANTS).then().statusCode(200);

        Instant rotatedAt = Instant.now();
        try (KafkaProducer<String, TokenRevocation> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.kafkaBootstrapServers()),
                new StringSerializer(),
                new TokenRevocationSerializer())) {
            TokenRevocation revocation =
                    new TokenRevocation(UUID.randomUUID().toString(), 1, client, rotatedAt, "rotated");
            producer.send(new ProducerRecord<>(Topics.TOKEN_REVOCATIONS, revocation.key(), revocation))
                    .get();
        }

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> given().auth()
                        .oauth2(old)
                        .get(TENANTS)
                        .then()
                        .statusCode(401)
                        .body("error", equalTo("invalid_token")));
        String fresh = token(client, "admin", "openjims-push", kid, key, rotatedAt.toEpochMilli());
        given().auth().oauth2(fresh).get(TENANTS).then().statusCode(200);
    }

    private static PrivateKey testKey() throws Exception {
        return KeyUtils.readPrivateKey("jwt/privateKey.pem");
    }

    private static String token(String subject, String role, String audience, String kid, PrivateKey key, Long sat) {
        var claims = Jwt.issuer("openjims")
                .audience(audience)
                .subject(subject)
                .groups(Set.of(role))
                .expiresIn(600);
        if (sat != null) {
            claims.claim("sat", sat);
        }
        var jws = claims.jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256);
        if (kid != null) {
            jws.keyId(kid);
        }
        return jws.sign(key);
    }
}
