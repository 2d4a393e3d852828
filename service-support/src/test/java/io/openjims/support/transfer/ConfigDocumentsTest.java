package io.openjims.support.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The configuration document: seal, verify, and every way a document is refused before anything is applied. */
class ConfigDocumentsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PASSPHRASE = "correct horse battery staple";
    private static final Instant AT = Instant.parse("2026-12-07T06:00:00Z");

    private static ObjectNode sections(ConfigSeal seal) {
        ObjectNode sections = JsonNodeFactory.instance.objectNode();
        ArrayNode directories = sections.putArray("directories");
        for (String name : new String[] {"corp", "lab"}) {
            ObjectNode directory = directories.addObject();
            directory.put("name", name);
            directory.put("url", "ldaps://" + name + ".example.com");
            directory.set(
                    "bind_password",
                    ConfigDocuments.secretField(
                            seal, "secret-of-" + name, ConfigDocuments.path("directories", name, "bind_password")));
        }
        return sections;
    }

    private static ConfigSeal seal() {
        return ConfigSeal.create(PASSPHRASE, ConfigSeal.MIN_ITERATIONS);
    }

    private static JsonNode reparsed(ObjectNode doc) throws Exception {
        // Re-indented by another tool: the canonical form, not the bytes, is what the digest covers.
        return MAPPER.readTree(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
    }

    @Test
    void aSealedDocumentRoundTripsWithItsSecrets() throws Exception {
        ConfigSeal seal = seal();
        ObjectNode doc = ConfigDocuments.export("collector", AT, sections(seal), seal);
        assertThat(doc.toString()).doesNotContain("secret-of-corp");

        var verified = ConfigDocuments.verify(reparsed(doc), "collector", PASSPHRASE);
        assertThat(verified.exportedAt()).isEqualTo(AT);
        JsonNode corp = verified.sections().get("directories").get(0);
        assertThat(verified.secret(corp.get("bind_password"), "directories/corp/bind_password"))
                .contains("secret-of-corp");
        // A sealed value copied to another item does not open there.
        assertThat(verified.secret(corp.get("bind_password"), "directories/lab/bind_password"))
                .isEmpty();
    }

    @Test
    void withoutThePassphraseEverySecretIsMissingButTheDocumentStillImports() throws Exception {
        ConfigSeal seal = seal();
        var verified = ConfigDocuments.verify(
                reparsed(ConfigDocuments.export("collector", AT, sections(seal), seal)), "collector", null);
        JsonNode corp = verified.sections().get("directories").get(0);
        assertThat(verified.seal()).isEmpty();
        assertThat(verified.secret(corp.get("bind_password"), "directories/corp/bind_password"))
                .isEmpty();
    }

    @Test
    void aPlainExportMarksSecretsMissing() throws Exception {
        ObjectNode doc = ConfigDocuments.export("collector", AT, sections(null), null);
        assertThat(doc.at("/sections/directories/0/bind_password/missing").asBoolean())
                .isTrue();
        assertThat(doc.has("encryption")).isFalse();
        assertThat(ConfigDocuments.verify(reparsed(doc), "collector", PASSPHRASE)
                        .seal())
                .isEmpty();
    }

    @Test
    void anEditedOrTruncatedDocumentIsRefused() throws Exception {
        ObjectNode doc = ConfigDocuments.export("collector", AT, sections(null), null);
        ObjectNode edited = doc.deepCopy();
        ((ObjectNode) edited.at("/sections/directories/0")).put("url", "ldap://attacker.example.net");
        assertThatThrownBy(() -> ConfigDocuments.verify(edited, "collector", null))
                .isInstanceOfSatisfying(
                        ConfigDocumentException.class, e -> assertThat(e.code()).isEqualTo("tampered_document"));

        ObjectNode truncated = doc.deepCopy();
        ((ArrayNode) truncated.at("/sections/directories")).remove(1);
        assertThatThrownBy(() -> ConfigDocuments.verify(truncated, "collector", null))
                .isInstanceOfSatisfying(
                        ConfigDocumentException.class, e -> assertThat(e.code()).isEqualTo("tampered_document"));

        ObjectNode noDigest = doc.deepCopy();
        noDigest.remove("integrity");
        assertThatThrownBy(() -> ConfigDocuments.verify(noDigest, "collector", null))
                .isInstanceOfSatisfying(
                        ConfigDocumentException.class, e -> assertThat(e.code()).isEqualTo("tampered_document"));
    }

    @Test
    void aDigestRecomputedByAnAttackerFailsTheHmac() {
        ConfigSeal seal = seal();
        ObjectNode doc = ConfigDocuments.export("collector", AT, sections(seal), seal);
        ObjectNode forged = doc.deepCopy();
        forged.remove("integrity");
        ((ObjectNode) forged.at("/sections/directories/0")).put("url", "ldap://attacker.example.net");
        String digest = ConfigDocuments.sha256(CanonicalJson.bytes(forged));
        forged.putObject("integrity")
                .put("sha256", digest)
                .put("hmac_sha256", doc.at("/integrity/hmac_sha256").asText());
        assertThatThrownBy(() -> ConfigDocuments.verify(forged, "collector", PASSPHRASE))
                .isInstanceOfSatisfying(
                        ConfigDocumentException.class, e -> assertThat(e.code()).isEqualTo("wrong_passphrase"));
        assertThatThrownBy(() -> ConfigDocuments.verify(doc, "collector", "another passphrase!"))
                .isInstanceOfSatisfying(
                        ConfigDocumentException.class, e -> assertThat(e.code()).isEqualTo("wrong_passphrase"));
    }

    @Test
    void foreignNewerAndOtherServiceDocumentsAreRefusedWithTheirReason() throws Exception {
        ObjectNode doc = ConfigDocuments.export("collector", AT, sections(null), null);

        ObjectNode foreign = doc.deepCopy();
        foreign.put("format", "jims-backup");
        assertThatThrownBy(() -> ConfigDocuments.verify(foreign, "collector", null))
                .isInstanceOfSatisfying(ConfigDocumentException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_document");
                    assertThat(e.getMessage()).contains("jims-backup");
                });

        ObjectNode newer = doc.deepCopy();
        newer.put("version", 2);
        assertThatThrownBy(() -> ConfigDocuments.verify(newer, "collector", null))
                .isInstanceOfSatisfying(ConfigDocumentException.class, e -> {
                    assertThat(e.code()).isEqualTo("unsupported_version");
                    assertThat(e.getMessage()).contains("upgrade");
                });

        assertThatThrownBy(() -> ConfigDocuments.verify(doc, "push", null))
                .isInstanceOfSatisfying(
                        ConfigDocumentException.class, e -> assertThat(e.code()).isEqualTo("wrong_service"));

        assertThatThrownBy(() -> ConfigDocuments.verify(MAPPER.readTree("[1,2]"), "collector", null))
                .isInstanceOf(ConfigDocumentException.class);
    }

    @Test
    void aForgedHeaderCannotMakeTheImporterBurnCpuOrGuessCheaply() {
        ConfigSeal seal = seal();
        ObjectNode doc = ConfigDocuments.export("collector", AT, sections(seal), seal);
        for (int iterations : new int[] {1, ConfigSeal.MAX_ITERATIONS + 1}) {
            ObjectNode forged = doc.deepCopy();
            ((ObjectNode) forged.get("encryption")).put("iterations", iterations);
            forged.remove("integrity");
            String digest = ConfigDocuments.sha256(CanonicalJson.bytes(forged));
            forged.putObject("integrity").put("sha256", digest);
            assertThatThrownBy(() -> ConfigDocuments.verify(forged, "collector", PASSPHRASE))
                    .isInstanceOfSatisfying(
                            ConfigDocumentException.class,
                            e -> assertThat(e.code()).isEqualTo("invalid_document"));
        }
        assertThatThrownBy(() -> ConfigSeal.create("short", ConfigSeal.MIN_ITERATIONS))
                .isInstanceOfSatisfying(
                        ConfigDocumentException.class, e -> assertThat(e.code()).isEqualTo("invalid_passphrase"));
    }
}
