package io.openjims.collector.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.openjims.model.Device;
import io.openjims.model.EventSource;
import io.openjims.model.IdentityEvent;
import io.openjims.model.Operation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityEventFactoryTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final EventSource SOURCE = new EventSource("c1", "json", "tester");
    private final IdentityEventFactory factory = new IdentityEventFactory(Clock.fixed(NOW, ZoneOffset.UTC), SOURCE);

    private static IngestItem item(String operation, String ip, String user, String domain) {
        return new IngestItem(operation, ip, user, domain, null, null, null, null, null);
    }

    private IdentityEvent accepted(IngestItem item) {
        ItemResult result = factory.create(0, item);
        assertThat(result).isInstanceOf(ItemResult.Accepted.class);
        return ((ItemResult.Accepted) result).event();
    }

    private String rejected(IngestItem item) {
        ItemResult result = factory.create(7, item);
        assertThat(result).isInstanceOf(ItemResult.Rejected.class);
        assertThat(((ItemResult.Rejected) result).index()).isEqualTo(7);
        return ((ItemResult.Rejected) result).error();
    }

    @Test
    void timeoutZeroMeansNeverAndTheBoundsOfTheSrxProfileAreAccepted() {
        for (long ok : new long[] {0, 10, 1440}) {
            assertThat(accepted(new IngestItem("logon", "10.0.0.1", "a", "d", null, ok, null, null, null))
                            .timeoutMinutes())
                    .isEqualTo((int) ok);
        }
        ItemResult tooLong =
                factory.create(3, new IngestItem("logon", "10.0.0.1", "a", "d", null, 1441L, null, null, null));
        assertThat(((ItemResult.Rejected) tooLong).reason()).isEqualTo(IdentityEventFactory.TIMEOUT_OUT_OF_RANGE);
    }

    @Test
    void aCompleteItemBecomesAnEventWithEveryField() {
        IdentityEvent event = accepted(new IngestItem(
                "logon",
                "10.1.2.3",
                "alice",
                "example.com",
                "2026-11-22T09:59:00+01:00",
                60L,
                new Device("PC-42", List.of("laptops"), "Windows 11", "laptop"),
                "Healthy",
                List.of("sales")));
        assertThat(event.operation()).isEqualTo(Operation.LOGON);
        assertThat(event.ip()).isEqualTo("10.1.2.3");
        assertThat(event.user()).isEqualTo("alice");
        assertThat(event.domain()).isEqualTo("example.com");
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-11-22T08:59:00Z"));
        assertThat(event.receivedAt()).isEqualTo(NOW);
        assertThat(event.timeoutMinutes()).isEqualTo(60);
        assertThat(event.device()).isEqualTo(new Device("PC-42", List.of("laptops"), "Windows 11", "laptop"));
        assertThat(event.posture()).isEqualTo("Healthy");
        assertThat(event.roles()).containsExactly("sales");
        assertThat(event.source()).isEqualTo(SOURCE);
        assertThat(event.schema()).isEqualTo(IdentityEvent.SCHEMA_VERSION);
        assertThat(event.id()).isNotBlank();
        assertThat(event.key()).isEqualTo("10.1.2.3");
    }

    @Test
    void domainBackslashUserAndUpnAreSplit() {
        IdentityEvent netbios = accepted(item("logoff", "10.0.0.1", "CORP\\bob", null));
        assertThat(netbios.domain()).isEqualTo("CORP");
        assertThat(netbios.user()).isEqualTo("bob");
        assertThat(netbios.occurredAt()).isEqualTo(NOW);
        IdentityEvent upn = accepted(item("logon", "10.0.0.1", "carol@example.com", null));
        assertThat(upn.domain()).isEqualTo("example.com");
        assertThat(upn.user()).isEqualTo("carol");
    }

    @Test
    void eachBrokenFieldIsNamed() {
        assertThat(rejected(item("jump", "10.0.0.1", "a", "d"))).contains("operation must be logon or logoff");
        assertThat(rejected(item(null, "10.0.0.1", "a", "d"))).contains("operation is required");
        assertThat(rejected(item("logon", "10.0.0.300", "a", "d"))).contains("is not an IPv4 or IPv6 address");
        assertThat(rejected(item("logon", null, "a", "d"))).contains("ip is required");
        assertThat(rejected(item("logon", "10.0.0.1", " ", "d"))).contains("user is required");
        assertThat(rejected(item("logon", "10.0.0.1", "a", null))).contains("domain is required");
        assertThat(rejected(item("logon", "10.0.0.1", "a".repeat(300), "d"))).contains("user is longer than");
        assertThat(rejected(new IngestItem("logon", "10.0.0.1", "a", "d", "yesterday", null, null, null, null)))
                .contains("not an RFC 3339 time");
        assertThat(rejected(new IngestItem(
                        "logon", "10.0.0.1", "a", "d", "+10000-12-01T00:00:00Z", null, null, null, null)))
                .contains("out of range");
        for (long bad : new long[] {-1, 1, 9, 1441, 525_600}) {
            assertThat(rejected(new IngestItem("logon", "10.0.0.1", "a", "d", null, bad, null, null, null)))
                    .isEqualTo("timeout must be 0 (never expire) or 10..1440 minutes, got " + bad);
        }
        assertThat(rejected(item("logon", "10.0.0.1", "a\u0000b", "d"))).contains("control character");
        assertThat(rejected(item("logon", "10.0.0.1", "a\uFFFDb", "d"))).contains("not valid Unicode");
        assertThat(rejected(item("logon", "10.0.0.1", "a", "d\u2028"))).contains("domain contains a control character");
    }
}
