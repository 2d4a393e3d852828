package io.openjims.query.batch.service;

import io.openjims.support.api.ApiException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The batch cookie: the change-log sequence a client has read up to and the change log's epoch, signed with
 * HMAC-SHA256 over both and the API client's id, so it cannot be forged, altered, used by another client or carried
 * over to another change log. Pure logic.
 *
 * <p>Format {@code c2.<seq base 36>.<epoch, 16 bytes base64url>.<mac>}; cookies of the first format
 * ({@code c1.<seq>.<mac>}, no epoch) are still read, their epoch unknown.
 */
public final class CookieCodec {

    private static final String PREFIX = "c2.";
    private static final String LEGACY_PREFIX = "c1.";
    private static final int MAC_BYTES = 16;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** What a cookie says: the sequence read up to, and the epoch of its change log (null for a c1 cookie). */
    public record Cookie(long seq, UUID epoch) {}

    private final byte[] key;

    public CookieCodec(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("The cookie key needs at least 16 bytes");
        }
        this.key = key.clone();
    }

    public String encode(long seq, UUID epoch, String clientId) {
        return PREFIX + Long.toString(seq, 36) + "." + B64.encodeToString(bytes(epoch)) + "."
                + B64.encodeToString(mac(seq + "|" + epoch + "|" + clientId));
    }

    /** A cookie of the first format, without an epoch (as issued before epochs; for tests of that path). */
    public String encodeLegacy(long seq, String clientId) {
        return LEGACY_PREFIX + Long.toString(seq, 36) + "." + B64.encodeToString(mac(seq + "|" + clientId));
    }

    /** What a cookie issued to this client says; 400 {@code invalid_cookie} otherwise. */
    public Cookie decode(String cookie, String clientId) {
        try {
            if (cookie.startsWith(PREFIX)) {
                String[] parts = cookie.substring(PREFIX.length()).split("\\.", -1);
                if (parts.length == 3) {
                    long seq = Long.parseLong(parts[0], 36);
                    UUID epoch = uuid(Base64.getUrlDecoder().decode(parts[1]));
                    byte[] given = Base64.getUrlDecoder().decode(parts[2]);
                    if (seq >= 0
                            && epoch != null
                            && MessageDigest.isEqual(given, mac(seq + "|" + epoch + "|" + clientId))) {
                        return new Cookie(seq, epoch);
                    }
                }
            } else if (cookie.startsWith(LEGACY_PREFIX)) {
                String[] parts = cookie.substring(LEGACY_PREFIX.length()).split("\\.", -1);
                if (parts.length == 2) {
                    long seq = Long.parseLong(parts[0], 36);
                    byte[] given = Base64.getUrlDecoder().decode(parts[1]);
                    if (seq >= 0 && MessageDigest.isEqual(given, mac(seq + "|" + clientId))) {
                        return new Cookie(seq, null);
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below (bad number or base64)
        }
        throw new ApiException(
                400,
                "invalid_cookie",
                "The cookie is not one this service issued to this client; start over with a timestamp or without a"
                        + " cookie.");
    }

    private static byte[] bytes(UUID epoch) {
        return ByteBuffer.allocate(16)
                .putLong(epoch.getMostSignificantBits())
                .putLong(epoch.getLeastSignificantBits())
                .array();
    }

    private static UUID uuid(byte[] bytes) {
        if (bytes.length != 16) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new UUID(b.getLong(), b.getLong());
    }

    private byte[] mac(String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(signed.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
