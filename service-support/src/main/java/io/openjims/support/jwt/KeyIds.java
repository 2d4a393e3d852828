package io.openjims.support.jwt;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * The {@code kid} of a signing key: its RFC 7638 JWK thumbprint (SHA-256, base64url). Issuer and verifiers derive it
 * from the key itself, so a key never needs a name in configuration and a kid cannot name the wrong key.
 */
public final class KeyIds {

    private KeyIds() {}

    /** The kid of an RSA public key. */
    public static String of(PublicKey key) {
        if (!(key instanceof RSAPublicKey rsa)) {
            throw new IllegalArgumentException("only RSA keys are supported, not " + key.getAlgorithm());
        }
        return thumbprint(rsa.getPublicExponent(), rsa.getModulus());
    }

    /** The kid of the public half of an RSA private key (PKCS#8 keys carry the public exponent). */
    public static String ofPrivate(PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
            throw new IllegalArgumentException("only RSA CRT private keys are supported, not " + key.getAlgorithm());
        }
        return thumbprint(rsa.getPublicExponent(), rsa.getModulus());
    }

    private static String thumbprint(BigInteger e, BigInteger n) {
        // RFC 7638: members in lexicographic order, no whitespace.
        String json = "{\"e\":\"" + base64url(e) + "\",\"kty\":\"RSA\",\"n\":\"" + base64url(n) + "\"}";
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Unsigned big-endian bytes without a leading zero, base64url (RFC 7518 6.3.1). */
    private static String base64url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
