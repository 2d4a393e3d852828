package io.openjims.support.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The configuration document every service exports and imports (format {@value #FORMAT}, version {@value #VERSION}):
 *
 * <pre>{@code
 * {"format": "openjims-config", "version": 1, "service": "collector", "exported_at": "...",
 *  "sections": {"directories": [...], ...},
 *  "encryption": {"kdf": "pbkdf2-sha256", "iterations": 600000, "salt": "...", "cipher": "aes-256-gcm"},
 *  "integrity": {"sha256": "...", "hmac_sha256": "..."}}
 * }</pre>
 *
 * A secret field is {@code {"missing": true}} or {@code {"sealed": "v1:..."}} (with {@code encryption}).
 * {@code integrity} covers the canonical form of everything else: {@code sha256} finds a truncated or edited file;
 * {@code hmac_sha256}, keyed from the passphrase, also finds one edited by someone who recomputed the digest.
 */
public final class ConfigDocuments {

    public static final String FORMAT = "openjims-config";
    public static final int VERSION = 1;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ConfigDocuments() {}

    /** A document checked on import: its sections, and the seal when it has secrets and the passphrase opened it. */
    public record Verified(String service, Instant exportedAt, ObjectNode sections, Optional<ConfigSeal> seal) {

        /** The secret at {@code path}, when the document carries it and the passphrase opens it. */
        public Optional<String> secret(JsonNode field, String path) {
            if (field == null || !field.isObject() || !field.hasNonNull("sealed") || seal.isEmpty()) {
                return Optional.empty();
            }
            return Optional.ofNullable(seal.get().open(field.get("sealed").asText(), path));
        }
    }

    /** A finished document: sections as given, secrets already sealed by the caller with {@code seal} (or null). */
    public static ObjectNode export(String service, Instant exportedAt, ObjectNode sections, ConfigSeal seal) {
        ObjectNode doc = JSON.objectNode();
        doc.put("format", FORMAT);
        doc.put("version", VERSION);
        doc.put("service", service);
        doc.put("exported_at", exportedAt.toString());
        doc.set("sections", sections);
        if (seal != null) {
            ObjectNode encryption = doc.putObject("encryption");
            encryption.put("kdf", "pbkdf2-sha256");
            encryption.put("iterations", seal.iterations());
            encryption.put("salt", seal.salt());
            encryption.put("cipher", "aes-256-gcm");
        }
        byte[] canonical = CanonicalJson.bytes(doc);
        ObjectNode integrity = doc.putObject("integrity");
        integrity.put("sha256", sha256(canonical));
        if (seal != null) {
            integrity.put("hmac_sha256", seal.mac(canonical));
        }
        return doc;
    }

    /** The field for a secret: sealed when a seal is given and the value is known, else marked missing. */
    public static ObjectNode secretField(ConfigSeal seal, String plaintext, String path) {
        ObjectNode field = JSON.objectNode();
        if (seal == null || plaintext == null) {
            field.put("missing", true);
        } else {
            field.put("sealed", seal.seal(plaintext, path));
        }
        return field;
    }

    /** Where a secret sits in a document: the associated data of its seal. */
    public static String path(String section, String itemName, String field) {
        return section + "/" + itemName + "/" + field;
    }

    /**
     * Checks a document before anything is applied; throws {@link ConfigDocumentException} naming what is wrong. A
     * document with secrets imports without its passphrase too (every secret then counts as missing), but its HMAC
     * is checked only with the passphrase.
     */
    public static Verified verify(JsonNode doc, String expectedService, String passphrase) {
        if (doc == null || !doc.isObject()) {
            throw new ConfigDocumentException("invalid_document", "the document must be a JSON object");
        }
        if (!FORMAT.equals(text(doc, "format"))) {
            throw new ConfigDocumentException(
                    "invalid_document",
                    "not an OpenJIMS configuration document (format must be \"" + FORMAT + "\", got "
                            + describe(doc.get("format")) + ")");
        }
        JsonNode version = doc.get("version");
        if (version == null || !version.canConvertToInt()) {
            throw new ConfigDocumentException("invalid_document", "version must be a whole number");
        }
        if (version.asInt() > VERSION) {
            throw new ConfigDocumentException(
                    "unsupported_version",
                    "the document was exported by a newer OpenJIMS (format version " + version.asInt()
                            + "); this one reads up to version " + VERSION + ": upgrade before importing");
        }
        if (version.asInt() < 1) {
            throw new ConfigDocumentException("invalid_document", "version must be 1 or more");
        }
        String service = text(doc, "service");
        if (!expectedService.equals(service)) {
            throw new ConfigDocumentException(
                    "wrong_service",
                    "the document holds " + describe(doc.get("service")) + " configuration; this is the "
                            + expectedService + " service");
        }
        Instant exportedAt;
        try {
            exportedAt = Instant.parse(text(doc, "exported_at"));
        } catch (RuntimeException e) {
            throw new ConfigDocumentException("invalid_document", "exported_at must be an ISO-8601 instant");
        }
        JsonNode sections = doc.get("sections");
        if (sections == null || !sections.isObject()) {
            throw new ConfigDocumentException("invalid_document", "sections must be an object");
        }
        JsonNode integrity = doc.get("integrity");
        if (integrity == null || !integrity.isObject() || !integrity.hasNonNull("sha256")) {
            throw new ConfigDocumentException(
                    "tampered_document", "the document has no integrity digest: it was truncated or edited");
        }
        ObjectNode covered = ((ObjectNode) doc).deepCopy();
        covered.remove("integrity");
        byte[] canonical = CanonicalJson.bytes(covered);
        if (!MessageDigest.isEqual(
                sha256(canonical).getBytes(StandardCharsets.US_ASCII),
                integrity.get("sha256").asText().getBytes(StandardCharsets.US_ASCII))) {
            throw new ConfigDocumentException(
                    "tampered_document",
                    "the document does not match its integrity digest: it was truncated or edited after export");
        }
        Optional<ConfigSeal> seal = Optional.empty();
        JsonNode encryption = doc.get("encryption");
        if (encryption != null && !encryption.isNull()) {
            if (!"pbkdf2-sha256".equals(text(encryption, "kdf"))
                    || !"aes-256-gcm".equals(text(encryption, "cipher"))
                    || !encryption.path("iterations").canConvertToInt()) {
                throw new ConfigDocumentException(
                        "invalid_document", "encryption must name kdf pbkdf2-sha256, cipher aes-256-gcm, iterations");
            }
            if (passphrase != null) {
                ConfigSeal opened = ConfigSeal.of(
                        passphrase,
                        text(encryption, "salt"),
                        encryption.get("iterations").asInt());
                if (!opened.macMatches(canonical, text(integrity, "hmac_sha256"))) {
                    throw new ConfigDocumentException(
                            "wrong_passphrase",
                            "the passphrase does not match the document (or the document was edited after export)");
                }
                seal = Optional.of(opened);
            }
        }
        return new Verified(service, exportedAt, (ObjectNode) sections, seal);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static String describe(JsonNode value) {
        return value == null || value.isNull() ? "nothing" : value.toString();
    }

    static String sha256(byte[] data) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
