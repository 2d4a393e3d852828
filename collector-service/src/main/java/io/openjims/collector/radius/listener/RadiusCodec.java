package io.openjims.collector.radius.listener;

import io.openjims.collector.radius.service.AccountingFields;
import io.openjims.collector.radius.service.RadiusCounters;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.aaa4j.radius.core.dictionary.dictionaries.StandardDictionary;
import org.aaa4j.radius.core.packet.Packet;
import org.aaa4j.radius.core.packet.PacketCodec;
import org.aaa4j.radius.core.packet.PacketCodecException;

/**
 * RFC 2866 accounting packets over aaa4j-radius-core: checks an Accounting-Request (length, code, Request
 * Authenticator = MD5(Code + Identifier + Length + 16 zero octets + Attributes + Secret), compared in constant time;
 * a Message-Authenticator when present) and decodes its attributes: straight from the octets when they are all of
 * the plain kinds ({@link AccountingFields#plainType}), else through aaa4j; encodes the Accounting-Response (code 5, Response
 * Authenticator = MD5(Code + Identifier + Length + Request Authenticator + Attributes + Secret)). Octets after the
 * Length field are padding and ignored (RFC 2865 section 3). Thread-safe.
 */
public final class RadiusCodec {

    public static final int ACCOUNTING_REQUEST = 4;
    public static final int ACCOUNTING_RESPONSE = 5;
    static final int HEADER = 20;
    /** Longest RADIUS packet (RFC 2865 section 3). */
    public static final int MAX_PACKET = 4096;

    private static final PacketCodec CODEC = new PacketCodec(new StandardDictionary());
    private static final byte[] ZEROS = new byte[16];
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(RadiusCodec::newMd5);

    private RadiusCodec() {}

    /** What a datagram turned out to be. */
    public sealed interface Decoded {}

    /** An authenticated Accounting-Request and the attributes accounting reads. */
    public record Request(int identifier, byte[] authenticator, AccountingFields fields) implements Decoded {}

    /** Dropped without an answer: {@code reason} is a {@link RadiusCounters} drop reason. */
    public record Dropped(String reason, String detail) implements Decoded {}

    /** The identifier of a datagram (octet 1), or -1 when it is too short to have one. */
    static int identifier(byte[] data, int length) {
        return length >= 2 ? data[1] & 0xff : -1;
    }

    /** Checks and decodes the first {@code length} bytes of a datagram with the client's secret. */
    public static Decoded decode(byte[] data, int length, byte[] secret) {
        if (length < HEADER) {
            return new Dropped(RadiusCounters.MALFORMED, "shorter than a RADIUS header: " + length + " bytes");
        }
        int declared = ((data[2] & 0xff) << 8) | (data[3] & 0xff);
        if (declared < HEADER || declared > MAX_PACKET || declared > length) {
            return new Dropped(
                    RadiusCounters.MALFORMED, "length field " + declared + " for a datagram of " + length + " bytes");
        }
        int code = data[0] & 0xff;
        if (code != ACCOUNTING_REQUEST) {
            return new Dropped(RadiusCounters.NOT_ACCOUNTING, "code " + code + " is not an Accounting-Request");
        }
        byte[] authenticator = Arrays.copyOfRange(data, 4, HEADER);
        if (!MessageDigest.isEqual(authenticator, requestAuthenticator(data, declared, secret))) {
            return new Dropped(RadiusCounters.BAD_AUTHENTICATOR, "Request Authenticator does not match the secret");
        }
        boolean plain = true;
        for (int at = HEADER; at < declared; ) {
            int size = at + 2 <= declared ? data[at + 1] & 0xff : 0;
            if (size < 2 || at + size > declared) {
                return new Dropped(RadiusCounters.MALFORMED, "attribute at octet " + at + " has a bad length");
            }
            plain &= AccountingFields.plainType(data[at] & 0xff);
            at += size;
        }
        if (plain) {
            // Only attributes read straight from the octets: no second pass through aaa4j.
            return new Request(data[1] & 0xff, authenticator, AccountingFields.plain(data, declared));
        }
        try {
            // aaa4j checks the authenticator once more (and a Message-Authenticator) and zeroes it in the array.
            Packet decoded = CODEC.decodeRequest(Arrays.copyOf(data, declared), secret);
            return new Request(data[1] & 0xff, authenticator, AccountingFields.of(decoded));
        } catch (PacketCodecException e) {
            String message = String.valueOf(e.getMessage());
            return new Dropped(
                    message.toLowerCase().contains("authenticator")
                            ? RadiusCounters.BAD_AUTHENTICATOR
                            : RadiusCounters.MALFORMED,
                    message);
        } catch (RuntimeException e) {
            return new Dropped(RadiusCounters.MALFORMED, e.toString());
        }
    }

    /** MD5(Code + Identifier + Length + 16 zero octets + Attributes + Secret) of a whole packet. */
    static byte[] requestAuthenticator(byte[] packet, int length, byte[] secret) {
        MessageDigest md5 = md5();
        md5.update(packet, 0, 4);
        md5.update(ZEROS);
        md5.update(packet, HEADER, length - HEADER);
        md5.update(secret);
        return md5.digest();
    }

    /** The Accounting-Response to a request (no attributes). */
    public static byte[] response(int identifier, byte[] requestAuthenticator, byte[] secret) {
        byte[] response = new byte[HEADER];
        response[0] = ACCOUNTING_RESPONSE;
        response[1] = (byte) identifier;
        response[3] = HEADER;
        MessageDigest md5 = md5();
        md5.update(response, 0, 4);
        md5.update(requestAuthenticator);
        md5.update(secret);
        try {
            md5.digest(response, 4, 16);
        } catch (DigestException e) {
            throw new IllegalStateException("Accounting-Response not encoded", e);
        }
        return response;
    }

    /** This thread's MD5, reset (getInstance per packet costs a provider lookup). */
    private static MessageDigest md5() {
        MessageDigest md5 = MD5.get();
        md5.reset();
        return md5;
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has MD5", e);
        }
    }
}
