package io.openjims.collector.events.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.openjims.model.Device;
import io.openjims.model.EventSource;
import io.openjims.model.IdentityEvent;
import io.openjims.model.Operation;
import io.openjims.model.kafka.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The direct writer must give exactly the bytes of the identity model's JsonCodec, for every shape of event. */
class IdentityEventJsonTest {

    private static final String[] TEXTS = {
        null,
        "",
        "alice",
        "EXAMPLE\\alice",
        "say \"hi\"",
        "tab\there",
        "line\nbreak",
        "ctl\u0001\u001f",
        "del\u007f",
        "Jürgen",
        "日本語",
        "emoji \uD83D\uDE00",
        "/slash/",
        "10.1.2.3",
        "2001:db8::1",
        "generic-key-value-login@127.0.0.1",
    };

    @Test
    void sameBytesAsJsonCodecForManyEvents() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            IdentityEvent event = randomEvent(random);
            byte[] expected = JsonCodec.toBytes(event);
            byte[] actual = IdentityEventJson.toBytes(event);
            if (!Arrays.equals(expected, actual)) {
                assertThat(new String(actual, StandardCharsets.UTF_8))
                        .as("event %s", event)
                        .isEqualTo(new String(expected, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void typicalSyslogEvent() {
        Instant occurred = Instant.parse("2024-03-05T10:15:42Z");
        IdentityEvent event = new IdentityEvent(
                UUID.randomUUID().toString(),
                IdentityEvent.SCHEMA_VERSION,
                Operation.LOGON,
                "10.1.2.3",
                "example.com",
                "alice",
                List.of(),
                new Device("PC-42", List.of(), null, null),
                null,
                null,
                new EventSource("c1", "syslog", "generic-key-value-login@10.0.0.5"),
                occurred,
                Instant.now());
        assertThat(IdentityEventJson.toBytes(event)).isEqualTo(JsonCodec.toBytes(event));
        assertThat(JsonCodec.fromBytes(IdentityEventJson.toBytes(event), IdentityEvent.class))
                .isEqualTo(event);
    }

    private static IdentityEvent randomEvent(Random random) {
        return new IdentityEvent(
                random.nextInt(10) == 0 ? null : UUID.randomUUID().toString(),
                random.nextInt(3),
                random.nextInt(5) == 0 ? null : Operation.values()[random.nextInt(2)],
                text(random),
                text(random),
                text(random),
                random.nextInt(4) == 0 ? null : list(random),
                random.nextInt(3) == 0
                        ? null
                        : new Device(
                                text(random), random.nextBoolean() ? null : list(random), text(random), text(random)),
                text(random),
                random.nextInt(3) == 0 ? null : random.nextInt(100_000) - 50,
                random.nextInt(6) == 0 ? null : new EventSource(text(random), text(random), text(random)),
                instant(random),
                instant(random),
                text(random));
    }

    private static String text(Random random) {
        return TEXTS[random.nextInt(TEXTS.length)];
    }

    private static List<String> list(Random random) {
        List<String> values = new ArrayList<>();
        int n = random.nextInt(3);
        for (int i = 0; i < n; i++) {
            values.add(text(random));
        }
        return values;
    }

    private static Instant instant(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> null;
            case 1 -> Instant.ofEpochSecond(random.nextInt(2_000_000_000));
            case 2 -> Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1000) * 1_000_000L);
            case 3 -> Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000) * 1000L);
            case 4 -> Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000));
            default -> Instant.now();
        };
    }
}
