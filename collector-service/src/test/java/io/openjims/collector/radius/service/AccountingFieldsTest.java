package io.openjims.collector.radius.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.aaa4j.radius.core.dictionary.dictionaries.StandardDictionary;
import org.aaa4j.radius.core.packet.Packet;
import org.aaa4j.radius.core.packet.PacketCodec;
import org.junit.jupiter.api.Test;

/** The listener's fast path reads the same fields from the octets as from aaa4j's decoding of the same packet. */
class AccountingFieldsTest {

    private static final byte[] SECRET = "fields-secret".getBytes(StandardCharsets.US_ASCII);
    private static final PacketCodec CODEC = new PacketCodec(new StandardDictionary());
    /** The plain types accounting reads, and a few it does not (NAS-IP-Address, NAS-Port, NAS-Identifier). */
    private static final int[] TYPES = {1, 8, 25, 27, 31, 40, 41, 44, 55, 168, 4, 5, 32};

    @Test
    void randomPlainPacketsGiveTheSameFieldsBothWays() throws Exception {
        Random random = new Random(20261207);
        int compared = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] packet = randomPacket(random);
            Packet decoded;
            try {
                decoded = CODEC.decodeRequest(packet.clone(), SECRET);
            } catch (Exception e) {
                throw new AssertionError("aaa4j refused a packet the fast path accepts: " + e, e);
            }
            AccountingFields viaAaa4j = AccountingFields.of(decoded);
            AccountingFields plain = AccountingFields.plain(packet, packet.length);
            assertThat(describe(plain)).as("packet %d", i).isEqualTo(describe(viaAaa4j));
            compared++;
        }
        assertThat(compared).isEqualTo(20_000);
    }

    private static String describe(AccountingFields f) {
        return "status=" + f.status + " session=" + f.sessionId + " user=" + f.userName + " device=" + f.device
                + " timeout=" + f.sessionTimeout + " time=" + f.eventTimestamp + " delay=" + f.delay + " ipv4="
                + hex(f.ipv4) + " ipv6=" + hex(f.ipv6) + " classes=" + hex(f.classes);
    }

    private static String hex(List<byte[]> values) {
        return values.stream().map(Arrays::toString).toList().toString();
    }

    private static byte[] randomPacket(Random random) throws Exception {
        ByteArrayOutputStream attributes = new ByteArrayOutputStream();
        int count = random.nextInt(12);
        for (int a = 0; a < count; a++) {
            int type = TYPES[random.nextInt(TYPES.length)];
            int size = switch (type) {
                case 8, 27, 40, 41, 55, 4, 5 -> random.nextInt(8) == 0 ? random.nextInt(8) : 4;
                case 168 -> random.nextInt(8) == 0 ? random.nextInt(20) : 16;
                default -> random.nextInt(24);
            };
            byte[] value = new byte[size];
            if (type == 1 || type == 31 || type == 44 || type == 32) {
                for (int k = 0; k < size; k++) {
                    // Mostly text, sometimes octets that are no UTF-8.
                    value[k] = random.nextInt(10) == 0 ? (byte) random.nextInt(256) : (byte) (32 + random.nextInt(95));
                }
            } else {
                random.nextBytes(value);
            }
            attributes.write(type);
            attributes.write(size + 2);
            attributes.write(value);
        }
        byte[] body = attributes.toByteArray();
        byte[] packet = new byte[20 + body.length];
        packet[0] = 4;
        packet[1] = (byte) random.nextInt(256);
        packet[2] = (byte) (packet.length >> 8);
        packet[3] = (byte) packet.length;
        System.arraycopy(body, 0, packet, 20, body.length);
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(packet);
        md5.update(SECRET);
        System.arraycopy(md5.digest(), 0, packet, 4, 16);
        return packet;
    }
}
