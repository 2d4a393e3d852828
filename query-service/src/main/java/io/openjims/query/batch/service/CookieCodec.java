package io.openjims.query.batch.service;

import io.openjims.support.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The batch cookie: the change-log sequence a client has read up to, signed with HMAC-SHA256 over the sequence and
 * the API client's id, so it cannot be forged, altered or used by another client. Pure logic.
 */
public final class CookieCodec {

    private static final String PREFIX = "c1.";
    private static final int MAC_BYTES = 16;

    private final byte[] key;

    public CookieCodec(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("The cookie key needs at least 16 bytes");
        }
        this.key = key.clone();
    }

    public String encode(long seq, String clientId) {
        return PREFIX + Long.toString(seq, 36) + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(seq, clientId));
    }

    /** The sequence in a cookie issued to this client; 400 {@code invalid_cookie} otherwise. */
    public long decode(String cookie, String clientId) {
        try {
            if (cookie.startsWith(PREFIX)) {
                String rest = cookie.substring(PREFIX.length());
                int dot = rest.indexOf('.');
                if (dot > 0) {
                    long seq = Long.parseLong(rest.substring(0, dot), 36);
                    byte[] given = Base64.getUrlDecoder().decode(rest.substring(dot + 1));
                    if (seq >= 0 && MessageDigest.isEqual(given, mac(seq, clientId))) {
                        return seq;
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

    private byte[] mac(long seq, String clientId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((seq + "|" + clientId).getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
