package io.openjims.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openjims.model.kafka.CollectorStatusDeserializer;
import io.openjims.model.kafka.CollectorStatusSerializer;
import io.openjims.model.kafka.DirectoryObjectDeserializer;
import io.openjims.model.kafka.DirectoryObjectSerializer;
import io.openjims.model.kafka.IdentityEventDeserializer;
import io.openjims.model.kafka.IdentityEventSerializer;
import io.openjims.model.kafka.JsonCodec;
import io.openjims.model.kafka.SessionStateDeserializer;
import io.openjims.model.kafka.SessionStateSerializer;
import io.openjims.model.kafka.TokenRevocationDeserializer;
import io.openjims.model.kafka.TokenRevocationSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The JSON form of every record is pinned by a golden sample, so the wire form cannot drift silently. */
class WireFormatTest {

    static final IdentityEvent EVENT = new IdentityEvent(
            "5f0c3c9e-1d7e-4f7a-9a51-0d7b8c1f2a10",
            1,
            Operation.LOGON,
            "10.1.2.3",
            "example.com",
            "alice",
            List.of("vpn-users"),
            new Device("PC-42", List.of("laptops"), "Windows 11", "laptop"),
            "Healthy",
            480,
            new EventSource("dc1-collector", "syslog", "10.0.0.5"),
            Instant.parse("2026-11-22T10:00:00Z"),
            Instant.parse("2026-11-22T10:00:00.250Z"));

    static final DirectoryObject USER = new DirectoryObject(
            "b8a4f5b2-1f3e-4a55-9c77-6f1f2a3b4c5d",
            1,
            DirectoryObjectKind.USER,
            "example.com",
            "2f1e7c4a-8f5d-4c3b-a2e1-9d8c7b6a5f4e",
            "CN=Alice Anderson,CN=Users,DC=example,DC=com",
            "alice",
            "alice@example.com",
            "Alice Anderson",
            List.of("CN=Sales,CN=Users,DC=example,DC=com"),
            List.of("sales", "staff"),
            null,
            null,
            false,
            Instant.parse("2026-11-22T09:59:30Z"),
            "12345");

    static final CollectorStatus STATUS = new CollectorStatus(
            "7d3f2e1a-0b9c-4d8e-8f7a-6b5c4d3e2f1a",
            1,
            "dc1-collector",
            "0.1.0",
            CollectorState.RUNNING,
            "OpenJIMS collector in the Berlin office",
            Instant.parse("2026-11-22T10:00:30Z"),
            Map.of("events.published", 1200L, "syslog.received", 1250L));

    static final SessionState SESSION = new SessionState(
            "change-1042",
            1,
            "10.1.2.3",
            "example.com",
            "alice",
            List.of("domain users", "sales"),
            new Device("PC-42", List.of("laptops"), "Windows 11", null),
            "Healthy",
            new EventSource("dc1-collector", "syslog", "10.0.0.5"),
            Instant.parse("2026-11-22T10:00:00Z"),
            Instant.parse("2026-11-23T10:00:00Z"),
            1042);

    @Test
    void identityEventMatchesGoldenSample() throws IOException {
        assertMatchesGolden(EVENT, "identity-event.json");
        assertThat(new IdentityEventDeserializer()
                        .deserialize("t", new IdentityEventSerializer().serialize("t", EVENT)))
                .isEqualTo(EVENT);
    }

    @Test
    void anEventMayCarryASessionIdAndEventsWithoutOneReadAsBefore() throws IOException {
        assertThat(EVENT.sessionId()).isNull();
        assertThat(JsonCodec.mapper().readTree(JsonCodec.toBytes(EVENT)).has("session_id"))
                .isFalse();
        IdentityEvent withSession = new IdentityEvent(
                EVENT.id(),
                EVENT.schema(),
                EVENT.operation(),
                EVENT.ip(),
                EVENT.domain(),
                EVENT.user(),
                EVENT.roles(),
                EVENT.device(),
                EVENT.posture(),
                EVENT.timeoutMinutes(),
                EVENT.source(),
                EVENT.occurredAt(),
                EVENT.receivedAt(),
                "4D2A0001");
        byte[] bytes = new IdentityEventSerializer().serialize("t", withSession);
        assertThat(JsonCodec.mapper().readTree(bytes).path("session_id").asText())
                .isEqualTo("4D2A0001");
        assertThat(new IdentityEventDeserializer().deserialize("t", bytes)).isEqualTo(withSession);
        assertThat(withSession.withTimes(EVENT.occurredAt(), EVENT.receivedAt()).sessionId())
                .isEqualTo("4D2A0001");
        assertThat(new IdentityEventDeserializer().deserialize("t", golden("identity-event.json")))
                .isEqualTo(EVENT);
    }

    @Test
    void directoryObjectMatchesGoldenSample() throws IOException {
        assertMatchesGolden(USER, "directory-object.json");
        assertThat(new DirectoryObjectDeserializer()
                        .deserialize("t", new DirectoryObjectSerializer().serialize("t", USER)))
                .isEqualTo(USER);
    }

    @Test
    void collectorStatusMatchesGoldenSample() throws IOException {
        assertMatchesGolden(STATUS, "collector-status.json");
        assertThat(new CollectorStatusDeserializer()
                        .deserialize("t", new CollectorStatusSerializer().serialize("t", STATUS)))
                .isEqualTo(STATUS);
    }

    @Test
    void sessionStateMatchesGoldenSample() throws IOException {
        assertMatchesGolden(SESSION, "session-state.json");
        assertThat(new SessionStateDeserializer()
                        .deserialize("t", new SessionStateSerializer().serialize("t", SESSION)))
                .isEqualTo(SESSION);
    }

    static final TokenRevocation REVOCATION = new TokenRevocation(
            "3c1d9e2f-4a5b-4c6d-8e7f-0a1b2c3d4e5f",
            1,
            "srx-7f3a",
            Instant.parse("2026-11-22T10:00:00.123Z"),
            "rotated");

    @Test
    void tokenRevocationMatchesGoldenSample() throws IOException {
        assertMatchesGolden(REVOCATION, "token-revocation.json");
        assertThat(new TokenRevocationDeserializer()
                        .deserialize("t", new TokenRevocationSerializer().serialize("t", REVOCATION)))
                .isEqualTo(REVOCATION);
        assertThat(REVOCATION.key()).isEqualTo("srx-7f3a");
    }

    @Test
    void fieldsFromANewerSchemaAreIgnored() throws IOException {
        ObjectNode newer = (ObjectNode) JsonCodec.mapper().readTree(golden("identity-event.json"));
        newer.put("schema", 2);
        newer.put("risk_score", 87);
        newer.putObject("geo").put("country", "DE");
        IdentityEvent read = new IdentityEventDeserializer()
                .deserialize("t", JsonCodec.mapper().writeValueAsBytes(newer));
        assertThat(read.schema()).isEqualTo(2);
        assertThat(read.user()).isEqualTo("alice");
        assertThat(read.device().identity()).isEqualTo("PC-42");
    }

    @Test
    void tombstonesStayNullAndGarbageIsASerializationError() {
        assertThat(new DirectoryObjectSerializer().serialize("t", null)).isNull();
        assertThat(new DirectoryObjectDeserializer().deserialize("t", null)).isNull();
        assertThat(new SessionStateDeserializer().deserialize("t", new byte[0])).isNull();
        assertThatThrownBy(() -> new IdentityEventDeserializer()
                        .deserialize("identity.events", "{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("identity.events")
                .hasMessageContaining("IdentityEvent");
    }

    @Test
    void recordKeysFollowTheDesign() {
        assertThat(EVENT.key()).isEqualTo("10.1.2.3");
        assertThat(SESSION.key()).isEqualTo("10.1.2.3");
        assertThat(STATUS.key()).isEqualTo("dc1-collector");
        assertThat(USER.key()).isEqualTo("example.com/user/2f1e7c4a-8f5d-4c3b-a2e1-9d8c7b6a5f4e");
        DirectoryObject withoutGuid = new DirectoryObject(
                "x",
                1,
                DirectoryObjectKind.GROUP,
                "Example.COM",
                null,
                "cn=staff,dc=example,dc=com",
                "staff",
                null,
                null,
                List.of(),
                List.of(),
                null,
                null,
                false,
                null,
                null);
        assertThat(withoutGuid.key()).isEqualTo("example.com/group/cn=staff,dc=example,dc=com");
    }

    @Test
    void operationNamesAreCaseInsensitiveOnInput() {
        assertThat(Operation.fromWireName(" LogOff ")).isEqualTo(Operation.LOGOFF);
        assertThat(Operation.LOGON.wireName()).isEqualTo("logon");
    }

    private static void assertMatchesGolden(Object value, String file) throws IOException {
        JsonNode expected = JsonCodec.mapper().readTree(golden(file));
        JsonNode actual = JsonCodec.mapper().readTree(JsonCodec.toBytes(value));
        assertThat(actual).as("wire form of %s", file).isEqualTo(expected);
    }

    private static byte[] golden(String file) throws IOException {
        try (InputStream in = WireFormatTest.class.getResourceAsStream("/golden/" + file)) {
            return in.readAllBytes();
        }
    }
}
