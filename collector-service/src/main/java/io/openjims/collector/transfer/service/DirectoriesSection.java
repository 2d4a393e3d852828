package io.openjims.collector.transfer.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openjims.collector.directory.config.DirectoryConfig;
import io.openjims.collector.directory.repository.DirectorySourceEntity;
import io.openjims.collector.directory.repository.DirectorySourceRepository;
import io.openjims.collector.directory.rest.DirectoryRequest;
import io.openjims.collector.directory.service.DirectoryAdminService;
import io.openjims.collector.directory.service.DirectorySecrets;
import io.openjims.collector.directory.service.DirectorySyncService;
import io.openjims.collector.directory.service.DirectoryValidator;
import io.openjims.support.api.ApiException;
import io.openjims.support.transfer.ConfigDocuments;
import io.openjims.support.transfer.ConfigSeal;
import io.openjims.support.transfer.ConfigSection;
import io.openjims.support.transfer.SectionItems;
import io.openjims.support.transfer.SectionReplace;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code directories} section: every AD / LDAP directory as {@code POST /api/admin/directories} takes it; the
 * bind password is the secret. On import a directory of the same name is changed in place (its sync state kept),
 * others are created, directories not in the document removed (their objects tombstoned by the sync); each imported
 * directory is then synced in full.
 */
@ApplicationScoped
public class DirectoriesSection implements ConfigSection {

    public static final String NAME = "directories";
    private static final String PASSWORD = "bind_password";

    private final DirectorySourceRepository sources;
    private final DirectorySecrets cipher;
    private final DirectorySyncService sync;
    private final int maxDirectories;

    public DirectoriesSection(
            DirectorySourceRepository sources,
            DirectorySecrets cipher,
            DirectorySyncService sync,
            DirectoryConfig config) {
        this.sources = sources;
        this.cipher = cipher;
        this.sync = sync;
        this.maxDirectories = config.maxDirectories();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<JsonNode> export(ConfigSeal seal) {
        return sources.allByName().map(all -> {
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            for (DirectorySourceEntity e : all) {
                ObjectNode item = SectionItems.tree(DirectoryAdminService.request(e));
                item.set(
                        PASSWORD,
                        ConfigDocuments.secretField(
                                seal,
                                seal == null ? null : cipher.decrypt(e.bindPasswordEnc, e.id.toString()),
                                ConfigDocuments.path(NAME, e.name, PASSWORD)));
                items.add(item);
            }
            return items;
        });
    }

    private record Imported(DirectoryRequest request, DirectoryValidator.Valid valid, JsonNode password) {}

    private List<Imported> parse(JsonNode content) {
        List<Imported> imported = SectionItems.read(NAME, content, item -> {
            DirectoryRequest request = SectionItems.as(item, DirectoryRequest.class, PASSWORD);
            return new Imported(request, DirectoryValidator.validate(request, false), item.get(PASSWORD));
        });
        if (imported.size() > maxDirectories) {
            throw ApiException.badRequest(
                    "too_many_directories",
                    "directories: " + imported.size() + " directories, at most " + maxDirectories + " allowed");
        }
        if (!imported.isEmpty()) {
            DirectoryAdminService.requireKey(cipher);
        }
        Set<String> names = new HashSet<>();
        List<DirectorySourceEntity> claimed = new ArrayList<>();
        for (Imported i : imported) {
            String where = NAME + " (" + i.valid().name() + ")";
            if (!names.add(i.valid().name().toLowerCase(Locale.ROOT))) {
                throw ApiException.badRequest("duplicate_name", where + ": the name appears twice");
            }
            try {
                DirectoryValidator.requireOwnNames(i.valid(), null, claimed);
            } catch (ApiException e) {
                throw SectionItems.at(where, new ApiException(400, e.error(), e.getMessage(), e.field(), Map.of()));
            }
            DirectorySourceEntity claim = new DirectorySourceEntity();
            claim.id = UUID.randomUUID();
            DirectoryAdminService.apply(claim, i.valid(), cipher);
            claimed.add(claim);
        }
        return imported;
    }

    @Override
    public List<SecretNeed> check(JsonNode content) {
        List<SecretNeed> needs = new ArrayList<>();
        for (Imported i : parse(content)) {
            DirectoryValidator.Valid v = i.valid();
            needs.add(new SecretNeed(
                    ConfigDocuments.path(NAME, v.name(), PASSWORD),
                    i.password(),
                    "directory bind password",
                    v.name(),
                    v.bindDn(),
                    "bind to " + v.url() + " as " + v.bindDn()));
        }
        return needs;
    }

    @Override
    public Uni<SectionChange> replace(JsonNode content, Map<String, SecretValue> secrets) {
        List<DirectoryValidator.Valid> imported = new ArrayList<>();
        for (Imported i : parse(content)) {
            String password = secrets.get(ConfigDocuments.path(NAME, i.valid().name(), PASSWORD))
                    .value();
            try {
                imported.add(DirectoryValidator.validate(i.request().withBindPassword(password), true));
            } catch (ApiException e) {
                throw SectionItems.at(NAME + " (" + i.valid().name() + ")", e);
            }
        }
        return SectionReplace.replace(
                Rows.of(sources, sources::listAll),
                e -> e.name.toLowerCase(Locale.ROOT),
                imported,
                v -> v.name().toLowerCase(Locale.ROOT),
                v -> {
                    DirectorySourceEntity entity = new DirectorySourceEntity();
                    entity.id = UUID.randomUUID();
                    entity.createdAt = Instant.now();
                    entity.configVersion = 0;
                    return entity;
                },
                (v, entity, stored) -> {
                    entity.configVersion++;
                    DirectoryAdminService.apply(entity, v, cipher);
                });
    }

    /** Every directory is synced in full at once (removed ones are tombstoned by the sync's own cleanup). */
    @Override
    public Uni<Void> afterImport() {
        return Panache.withSession(sources::listAll)
                .invoke(all -> all.forEach(e -> sync.requestSync(e.id, true)))
                .replaceWithVoid();
    }
}
