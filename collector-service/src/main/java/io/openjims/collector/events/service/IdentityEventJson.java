package io.openjims.collector.events.service;

import io.openjims.model.Device;
import io.openjims.model.EventSource;
import io.openjims.model.IdentityEvent;
import io.openjims.model.kafka.JsonCodec;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * Writes an {@link IdentityEvent} as the same JSON bytes as {@link JsonCodec#toBytes} (snake_case, declaration order,
 * nulls left out, ISO-8601 instants), several times faster. Only texts of printable ASCII without quote or backslash
 * are written here; an event with any other character is handed to {@link JsonCodec}, so escaping is never done
 * twice. Thread-safe.
 */
public final class IdentityEventJson {

    /** 9999-12-31T23:59:59Z: later (and negative) times are written by the JDK formatter. */
    private static final long LAST_FAST_SECOND = 253_402_300_799L;

    private IdentityEventJson() {}

    /** One writer per thread: its buffer is reused, only the result is allocated. */
    private static final ThreadLocal<Writer> WRITERS = ThreadLocal.withInitial(Writer::new);

    public static byte[] toBytes(IdentityEvent event) {
        Writer out = WRITERS.get();
        out.reset();
        if (!out.event(event)) {
            return JsonCodec.toBytes(event);
        }
        return out.bytes();
    }

    private static final class Writer {

        private byte[] buffer = new byte[1024];
        private int length;
        private boolean first;

        void reset() {
            if (buffer.length > 65_536) {
                buffer = new byte[1024];
            }
            length = 0;
            first = false;
        }

        boolean event(IdentityEvent e) {
            open();
            if (!string("id", e.id())) {
                return false;
            }
            number("schema", e.schema());
            if (e.operation() != null && !string("operation", e.operation().wireName())) {
                return false;
            }
            if (!string("ip", e.ip()) || !string("domain", e.domain()) || !string("user", e.user())) {
                return false;
            }
            if (e.roles() != null && !list("roles", e.roles())) {
                return false;
            }
            if (e.device() != null && !device(e.device())) {
                return false;
            }
            if (!string("posture", e.posture())) {
                return false;
            }
            if (e.timeoutMinutes() != null) {
                number("timeout_minutes", e.timeoutMinutes());
            }
            if (e.source() != null && !source(e.source())) {
                return false;
            }
            instant("occurred_at", e.occurredAt());
            instant("received_at", e.receivedAt());
            if (!string("session_id", e.sessionId())) {
                return false;
            }
            close();
            return true;
        }

        private boolean device(Device d) {
            name("device");
            open();
            if (!string("identity", d.identity())) {
                return false;
            }
            if (d.groups() != null && !list("groups", d.groups())) {
                return false;
            }
            if (!string("os", d.os()) || !string("category", d.category())) {
                return false;
            }
            close();
            return true;
        }

        private boolean source(EventSource s) {
            name("source");
            open();
            if (!string("collector_id", s.collectorId())
                    || !string("producer_kind", s.producerKind())
                    || !string("producer_name", s.producerName())
                    || !string("site", s.site())) {
                return false;
            }
            close();
            return true;
        }

        private void open() {
            put('{');
            first = true;
        }

        private void close() {
            put('}');
            first = false;
        }

        private void name(String name) {
            if (!first) {
                put(',');
            }
            first = false;
            put('"');
            ascii(name);
            put('"');
            put(':');
        }

        /** Writes the field unless null; false when the text needs escaping. */
        private boolean string(String name, String value) {
            if (value == null) {
                return true;
            }
            name(name);
            return quoted(value);
        }

        private boolean list(String name, List<String> values) {
            name(name);
            put('[');
            for (int i = 0; i < values.size(); i++) {
                String value = values.get(i);
                if (i > 0) {
                    put(',');
                }
                if (value == null) {
                    ascii("null");
                } else if (!quoted(value)) {
                    return false;
                }
            }
            put(']');
            return true;
        }

        private void number(String name, int value) {
            name(name);
            ascii(Integer.toString(value));
        }

        private void instant(String name, Instant value) {
            if (value == null) {
                return;
            }
            name(name);
            long seconds = value.getEpochSecond();
            if (seconds < 0 || seconds > LAST_FAST_SECOND) {
                quoted(DateTimeFormatter.ISO_INSTANT.format(value));
                return;
            }
            // ISO_INSTANT: yyyy-MM-ddTHH:mm:ss, the fraction in groups of three digits as needed, Z.
            LocalDate date = LocalDate.ofEpochDay(seconds / 86_400);
            int time = (int) (seconds % 86_400);
            ensure(40);
            put('"');
            digits(date.getYear(), 4);
            put('-');
            digits(date.getMonthValue(), 2);
            put('-');
            digits(date.getDayOfMonth(), 2);
            put('T');
            digits(time / 3600, 2);
            put(':');
            digits(time / 60 % 60, 2);
            put(':');
            digits(time % 60, 2);
            int nano = value.getNano();
            if (nano != 0) {
                put('.');
                if (nano % 1_000_000 == 0) {
                    digits(nano / 1_000_000, 3);
                } else if (nano % 1000 == 0) {
                    digits(nano / 1000, 6);
                } else {
                    digits(nano, 9);
                }
            }
            put('Z');
            put('"');
        }

        private void digits(int value, int width) {
            ensure(width);
            int v = value;
            for (int i = width - 1; i >= 0; i--) {
                buffer[length + i] = (byte) ('0' + v % 10);
                v /= 10;
            }
            length += width;
        }

        /** Writes the text in quotes; false (stop) at a character that Jackson would escape or encode. */
        private boolean quoted(String value) {
            int n = value.length();
            ensure(n + 2);
            buffer[length++] = '"';
            for (int i = 0; i < n; i++) {
                char c = value.charAt(i);
                if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                    return false;
                }
                buffer[length++] = (byte) c;
            }
            buffer[length++] = '"';
            return true;
        }

        private void ascii(String text) {
            int n = text.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                buffer[length++] = (byte) text.charAt(i);
            }
        }

        private void put(char c) {
            ensure(1);
            buffer[length++] = (byte) c;
        }

        private void ensure(int more) {
            if (length + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(buffer, length);
        }
    }
}
