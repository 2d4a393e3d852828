package io.openjims.support.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;

/**
 * One named part of a service's configuration (e.g. {@code tenants}) that exports to, and is replaced from, a
 * configuration document. A service lists its sections as CDI beans; {@link ConfigTransfer} drives them.
 */
public interface ConfigSection {

    /** The name in {@code sections} (snake_case). */
    String name();

    /** The section's content; each secret through {@link ConfigDocuments#secretField} (seal null: plain export). */
    Uni<JsonNode> export(ConfigSeal seal);

    /**
     * Checks imported content before anything is applied and lists, in document order, the secrets its items need.
     * Throws {@link io.openjims.support.api.ApiException} (400) naming the item that is wrong.
     */
    List<SecretNeed> check(JsonNode content);

    /**
     * Replaces the whole section with {@code content}, inside the caller's transaction. {@code secrets} holds every
     * needed secret by its {@link SecretNeed#path()}.
     */
    Uni<SectionChange> replace(JsonNode content, Map<String, SecretValue> secrets);

    /**
     * Called once the import's transaction has committed: tells running listeners, syncs and caches of this replica
     * about the new content (other replicas pick it up on their own schedule). A failure is logged, not undone.
     */
    default Uni<Void> afterImport() {
        return Uni.createFrom().voidItem();
    }

    /**
     * A secret one imported item needs: {@code path} names it (see {@link ConfigDocuments#path}), {@code stored} is
     * its field in the document ({@code {"sealed": ...}} or {@code {"missing": true}}, null when absent).
     */
    record SecretNeed(String path, JsonNode stored, String type, String name, String username, String usedFor) {}

    /**
     * A secret for {@link #replace}: {@code fromDocument} when it was opened from the document (for hashed
     * secrets: the hash), else typed by the admin for this import (for hashed secrets: a new secret to hash).
     */
    record SecretValue(String value, boolean fromDocument) {}

    /** What an import did to a section. */
    record SectionChange(int added, int replaced, int removed) {}
}
