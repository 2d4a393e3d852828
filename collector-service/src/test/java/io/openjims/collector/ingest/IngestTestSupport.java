package io.openjims.collector.ingest;

import static io.restassured.RestAssured.given;

import io.openjims.model.CollectorStatus;
import io.openjims.model.IdentityEvent;
import io.openjims.model.kafka.CollectorStatusDeserializer;
import io.openjims.model.kafka.IdentityEventDeserializer;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Tokens signed with the test issuer key, ingest clients, and readers of what reached Kafka. */
public final class IngestTestSupport {

    private IngestTestSupport() {}

    /** A bearer token of the test issuer with the given roles. */
    public static String token(String subject, String... roles) {
        try {
            PrivateKey key = KeyUtils.readPrivateKey("jwt/privateKey.pem");
            return Jwt.issuer("openjims")
                    .audience("openjims-collector")
                    .subject(subject)
                    .upn(subject)
                    .groups(Set.of(roles))
                    .expiresIn(600)
                    .jws()
                    .keyId(testKid())
                    .algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256)
                    .sign(key);
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    public static String adminToken() {
        return token("test-admin", "admin");
    }

    /** Creates an ingest client through the admin API; returns its one-time JSON answer. */
    public static JsonPath createClient(String name) {
        return createClient(Map.of("name", name));
    }

    /** Creates an ingest client from a full body (name plus scope fields); returns its one-time JSON answer. */
    public static JsonPath createClient(Map<String, Object> body) {
        return given().auth()
                .oauth2(adminToken())
                .contentType("application/json")
                .body(body)
                .post("/api/admin/ingest-clients")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    /** A random address in 10.0.0.0/8, unlikely to be used by another test of this JVM. */
    public static String randomIp() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    public static String uniqueUser(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Reads the events topic from the start until {@code count} matching events arrived or the time ran out. */
    public static List<ConsumerRecord<String, IdentityEvent>> readEvents(
            String bootstrap, String topic, Predicate<IdentityEvent> match, int count, Duration timeout) {
        return read(bootstrap, topic, new IdentityEventDeserializer(), match, count, timeout);
    }

    public static List<CollectorStatus> readStatuses(
            String bootstrap, String topic, Predicate<CollectorStatus> match, int count, Duration timeout) {
        return read(bootstrap, topic, new CollectorStatusDeserializer(), match, count, timeout).stream()
                .map(ConsumerRecord::value)
                .toList();
    }

    private static <T> List<ConsumerRecord<String, T>> read(
            String bootstrap,
            String topic,
            Deserializer<T> deserializer,
            Predicate<T> match,
            int count,
            Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed");
        List<ConsumerRecord<String, T>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), deserializer)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (found.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, T> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null && match.test(record.value())) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
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
