package io.openjims.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;

/** RS256 tokens as query-service issues them (issuer "openjims", roles in "groups"), and their keys as PEM files. */
public final class BenchJwt {

    private BenchJwt() {}

    /**
     * A token for {@code subject} with one role for one service ({@code aud}, e.g. {@code openjims-collector}) and the
     * key's id ({@code kid}), as the services verify them now; valid for two hours.
     */
    public static String sign(KeyPair keys, String subject, String role, String audience) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        String kid = io.openjims.support.jwt.KeyIds.of(keys.getPublic());
        String header = b64.encodeToString(
                ("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"iss\":\"openjims\",\"sub\":\"" + subject + "\",\"aud\":\"" + audience
                        + "\",\"groups\":[\"" + role + "\"],\"iat\":" + now + ",\"exp\":" + (now + 7200) + "}")
                .getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(keys.getPrivate());
        signature.update((header + "." + payload).getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + "." + b64.encodeToString(signature.sign());
    }

    /** Writes the public key as PEM to {@code file} and returns the file. */
    public static Path writePublicKey(KeyPair keys, Path file) throws Exception {
        return Files.writeString(file, pem("PUBLIC KEY", keys.getPublic().getEncoded()));
    }

    /** Writes the private key (PKCS#8) as PEM to {@code file} and returns the file. */
    public static Path writePrivateKey(KeyPair keys, Path file) throws Exception {
        return Files.writeString(file, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
                + "-----\n";
    }
}
