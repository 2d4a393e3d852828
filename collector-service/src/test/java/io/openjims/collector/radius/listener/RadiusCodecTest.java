package io.openjims.collector.radius.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.openjims.collector.radius.service.RadiusCounters;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.aaa4j.radius.core.attribute.EnumData;
import org.aaa4j.radius.core.attribute.Ipv4AddrData;
import org.aaa4j.radius.core.attribute.TextData;
import org.aaa4j.radius.core.attribute.attributes.AcctStatusType;
import org.aaa4j.radius.core.attribute.attributes.FramedIpAddress;
import org.aaa4j.radius.core.attribute.attributes.UserName;
import org.aaa4j.radius.core.dictionary.dictionaries.StandardDictionary;
import org.aaa4j.radius.core.packet.PacketCodec;
import org.aaa4j.radius.core.packet.packets.AccountingRequest;
import org.junit.jupiter.api.Test;

/** Accounting-Request checks and Accounting-Response encoding against RFC 2866 and a packet radclient sent. */
class RadiusCodecTest {

    private static final byte[] SECRET = "testing123".getBytes(StandardCharsets.US_ASCII);

    /**
     * Written by FreeRADIUS 3.2.1 radclient ({@code User-Name = "alice", Acct-Status-Type = Start, Framed-IP-Address =
     * 10.9.8.7}, secret {@code testing123}), Id 197.
     */
    private static final byte[] RADCLIENT_START =
            HexFormat.of().parseHex("04c500277aeadde9fcddea13048e9d16700be6140107616c69636528060000000108060a090807");

    @Test
    void aPacketFromRadclientDecodesWithItsSecret() {
        RadiusCodec.Decoded decoded = RadiusCodec.decode(RADCLIENT_START, RADCLIENT_START.length, SECRET);

        assertThat(decoded).isInstanceOf(RadiusCodec.Request.class);
        RadiusCodec.Request request = (RadiusCodec.Request) decoded;
        assertThat(request.identifier()).isEqualTo(197);
        assertThat(request.authenticator()).isEqualTo(Arrays.copyOfRange(RADCLIENT_START, 4, 20));
        assertThat(request.fields().userName()).isEqualTo("alice");
        assertThat(request.fields().status()).isEqualTo(1);
        assertThat(request.fields().ipv4()).containsExactly(new byte[] {10, 9, 8, 7});
        // The caller's buffer is left as it was.
        assertThat(RADCLIENT_START[4]).isEqualTo((byte) 0x7a);
    }

    @Test
    void aWrongSecretOrAnAlteredAttributeIsABadAuthenticator() {
        assertThat(RadiusCodec.decode(RADCLIENT_START, RADCLIENT_START.length, "testing124".getBytes()))
                .isInstanceOfSatisfying(
                        RadiusCodec.Dropped.class,
                        d -> assertThat(d.reason()).isEqualTo(RadiusCounters.BAD_AUTHENTICATOR));
        byte[] altered = RADCLIENT_START.clone();
        altered[altered.length - 1] = 8; // Framed-IP-Address 10.9.8.8
        assertThat(RadiusCodec.decode(altered, altered.length, SECRET))
                .isInstanceOfSatisfying(
                        RadiusCodec.Dropped.class,
                        d -> assertThat(d.reason()).isEqualTo(RadiusCounters.BAD_AUTHENTICATOR));
    }

    @Test
    void shortOrInconsistentPacketsAreMalformedAndOtherCodesAreNotAccounting() {
        assertThat(reason(Arrays.copyOf(RADCLIENT_START, 19))).isEqualTo(RadiusCounters.MALFORMED);
        // Length field larger than the datagram.
        assertThat(reason(Arrays.copyOf(RADCLIENT_START, 38))).isEqualTo(RadiusCounters.MALFORMED);
        byte[] lengthTooSmall = RADCLIENT_START.clone();
        lengthTooSmall[3] = 19;
        assertThat(reason(lengthTooSmall)).isEqualTo(RadiusCounters.MALFORMED);
        byte[] accessRequest = RADCLIENT_START.clone();
        accessRequest[0] = 1;
        assertThat(reason(accessRequest)).isEqualTo(RadiusCounters.NOT_ACCOUNTING);
        // An attribute running past the end (length 40 at the last attribute), authenticator recomputed.
        byte[] badAttribute = RADCLIENT_START.clone();
        badAttribute[34] = 40;
        sign(badAttribute);
        assertThat(reason(badAttribute)).isEqualTo(RadiusCounters.MALFORMED);
    }

    @Test
    void octetsAfterTheLengthFieldArePaddingAndIgnored() {
        byte[] padded = Arrays.copyOf(RADCLIENT_START, RADCLIENT_START.length + 7);
        assertThat(RadiusCodec.decode(padded, padded.length, SECRET)).isInstanceOf(RadiusCodec.Request.class);
    }

    @Test
    void requestsEncodedByAaa4jVerifyAndTheResponseAuthenticatorFollowsRfc2866() throws Exception {
        byte[] authenticator = new byte[16];
        byte[] packet = new PacketCodec(new StandardDictionary())
                .encodeRequest(
                        new AccountingRequest(List.of(
                                new UserName(new TextData("EXAMPLE\\bob")),
                                new AcctStatusType(new EnumData(2)),
                                new FramedIpAddress(
                                        new Ipv4AddrData((java.net.Inet4Address) InetAddress.getByName("10.1.2.3"))))),
                        SECRET,
                        authenticator);
        assertThat(Arrays.copyOfRange(packet, 4, 20)).isEqualTo(rfcRequestAuthenticator(packet, SECRET));
        RadiusCodec.Request request = (RadiusCodec.Request) RadiusCodec.decode(packet, packet.length, SECRET);

        byte[] response = RadiusCodec.response(request.identifier(), request.authenticator(), SECRET);

        assertThat(response).hasSize(20);
        assertThat(response[0]).isEqualTo((byte) RadiusCodec.ACCOUNTING_RESPONSE);
        assertThat(response[1]).isEqualTo(packet[1]);
        assertThat(((response[2] & 0xff) << 8) | (response[3] & 0xff)).isEqualTo(20);
        // MD5(Code + Identifier + Length + Request Authenticator + Attributes + Secret)
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(response, 0, 4);
        md5.update(request.authenticator());
        md5.update(SECRET);
        assertThat(Arrays.copyOfRange(response, 4, 20)).isEqualTo(md5.digest());
    }

    private static String reason(byte[] data) {
        RadiusCodec.Decoded decoded = RadiusCodec.decode(data, data.length, SECRET);
        assertThat(decoded).isInstanceOf(RadiusCodec.Dropped.class);
        return ((RadiusCodec.Dropped) decoded).reason();
    }

    /** MD5(Code + Identifier + Length + 16 zero octets + Attributes + Secret), written independently of the codec. */
    private static byte[] rfcRequestAuthenticator(byte[] packet, byte[] secret) throws Exception {
        byte[] copy = packet.clone();
        Arrays.fill(copy, 4, 20, (byte) 0);
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(copy);
        md5.update(secret);
        return md5.digest();
    }

    private static void sign(byte[] packet) {
        try {
            System.arraycopy(rfcRequestAuthenticator(packet, SECRET), 0, packet, 4, 16);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
