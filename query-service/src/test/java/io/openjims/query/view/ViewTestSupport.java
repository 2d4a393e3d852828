package io.openjims.query.view;

import io.openjims.devinfra.SharedInfra;
import io.openjims.model.Device;
import io.openjims.model.DirectoryObject;
import io.openjims.model.DirectoryObjectKind;
import io.openjims.model.EventSource;
import io.openjims.model.IdentityEvent;
import io.openjims.model.Operation;
import io.openjims.model.Topics;
import io.openjims.model.kafka.DirectoryObjectSerializer;
import io.openjims.model.kafka.IdentityEventSerializer;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Tokens, events and directory objects for the view's tests, produced to the shared test broker. */
public final class ViewTestSupport {

    private ViewTestSupport() {}

    /** A token of API client {@code clientId} with the given roles, signed with the test key. */
    public static String token(String clientId, String... roles) {
        return Jwt.issuer("openjims")
                .audience("openjims-query")
                .subject(clientId)
                .claim("client_id", clientId)
                .groups(Set.of(roles))
                .expiresIn(Duration.ofMinutes(30))
                .jws()
                .keyId(testKid())
                .sign();
    }

    public static String expiredToken(String clientId, String... roles) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return Jwt.issuer("openjims")
                .audience("openjims-query")
                .subject(clientId)
                .groups(Set.of(roles))
                .issuedAt(past)
                .expiresAt(past.plus(Duration.ofMinutes(5)))
                .jws()
                .keyId(testKid())
                .sign();
    }

    public static String tokenSignedWithAnotherKey(String clientId, String... roles) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return Jwt.issuer("openjims")
                    .audience("openjims-query")
                    .subject(clientId)
                    .groups(Set.of(roles))
                    .expiresIn(Duration.ofMinutes(30))
                    .jws()
                    .keyId(testKid())
                    .sign(g.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KafkaProducer<String, IdentityEvent> eventProducer() {
        return new KafkaProducer<>(producerConfig(), new StringSerializer(), new IdentityEventSerializer());
    }

    public static KafkaProducer<String, DirectoryObject> directoryProducer() {
        return new KafkaProducer<>(producerConfig(), new StringSerializer(), new DirectoryObjectSerializer());
    }

    private static Map<String, Object> producerConfig() {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfra.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                2);
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    public static IdentityEvent logon(String ip, String domain, String user, Instant at) {
        return event(Operation.LOGON, ip, domain, user, at, null, null);
    }

    public static IdentityEvent logoff(String ip, String domain, String user, Instant at) {
        return event(Operation.LOGOFF, ip, domain, user, at, null, null);
    }

    public static IdentityEvent event(
            Operation op, String ip, String domain, String user, Instant at, Integer timeout, List<String> roles) {
        return new IdentityEvent(
                UUID.randomUUID().toString(),
                IdentityEvent.SCHEMA_VERSION,
                op,
                ip,
                domain,
                user,
                roles,
                op == Operation.LOGON ? new Device("PC-" + user, List.of("laptops"), "Windows 11", "laptop") : null,
                op == Operation.LOGON ? "Healthy" : null,
                timeout,
                new EventSource("test-collector", "syslog", "10.0.0.5"),
                at,
                at);
    }

    /** An event of source kind {@code kind} (collector {@code test-collector}), with a producer session id or null. */
    public static IdentityEvent sourced(
            String kind, Operation op, String ip, String domain, String user, Instant at, String sessionId) {
        return new IdentityEvent(
                UUID.randomUUID().toString(),
                IdentityEvent.SCHEMA_VERSION,
                op,
                ip,
                domain,
                user,
                null,
                null,
                null,
                null,
                new EventSource("test-collector", kind, kind + "-producer"),
                at,
                at,
                sessionId);
    }

    public static void send(KafkaProducer<String, IdentityEvent> producer, IdentityEvent e) {
        try {
            producer.send(new ProducerRecord<>(Topics.EVENTS, e.key(), e)).get();
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static void sendAll(KafkaProducer<String, IdentityEvent> producer, List<IdentityEvent> events) {
        try {
            var futures = events.stream()
                    .map(e -> producer.send(new ProducerRecord<>(Topics.EVENTS, e.key(), e)))
                    .toList();
            for (var f : futures) {
                f.get();
            }
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static DirectoryObject user(String domain, String name, List<String> memberOf, List<String> groups) {
        return new DirectoryObject(
                UUID.randomUUID().toString(),
                DirectoryObject.SCHEMA_VERSION,
                DirectoryObjectKind.USER,
                domain,
                "guid-user-" + domain + "-" + name,
                "CN=" + name + ",OU=Users," + dc(domain),
                name,
                name + "@" + domain,
                name,
                memberOf,
                groups,
                null,
                null,
                false,
                Instant.now(),
                "1");
    }

    public static DirectoryObject group(String domain, String name, List<String> memberOf) {
        return new DirectoryObject(
                UUID.randomUUID().toString(),
                DirectoryObject.SCHEMA_VERSION,
                DirectoryObjectKind.GROUP,
                domain,
                "guid-group-" + domain + "-" + name,
                groupDn(domain, name),
                name,
                null,
                name,
                memberOf,
                null,
                null,
                null,
                false,
                Instant.now(),
                "1");
    }

    public static DirectoryObject domainObject(String domain, List<String> aliases) {
        return new DirectoryObject(
                UUID.randomUUID().toString(),
                DirectoryObject.SCHEMA_VERSION,
                DirectoryObjectKind.DOMAIN,
                domain,
                "guid-domain-" + domain,
                dc(domain),
                domain,
                null,
                null,
                null,
                null,
                aliases,
                null,
                false,
                Instant.now(),
                "1");
    }

    public static String groupDn(String domain, String name) {
        return "CN=" + name + ",OU=Groups," + dc(domain);
    }

    private static String dc(String domain) {
        StringBuilder sb = new StringBuilder();
        for (String part : domain.split("\\.")) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append("DC=").append(part);
        }
        return sb.toString();
    }

    public static void sendDirectory(KafkaProducer<String, DirectoryObject> producer, DirectoryObject... objects) {
        try {
            for (DirectoryObject o : objects) {
                producer.send(new ProducerRecord<>(Topics.DIRECTORY, o.key(), o))
                        .get();
            }
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static void deleteDirectory(KafkaProducer<String, DirectoryObject> producer, String key) {
        try {
            producer.send(new ProducerRecord<>(Topics.DIRECTORY, key, null)).get();
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The kid of the test key pair (its public key's thumbprint). */
    public static String testKid() {
        try {
            return io.openjims.support.jwt.KeyIds.of(io.smallrye.jwt.util.KeyUtils.readPublicKey("jwt/publicKey.pem"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
