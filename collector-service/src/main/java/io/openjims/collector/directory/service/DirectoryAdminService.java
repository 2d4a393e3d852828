package io.openjims.collector.directory.service;

import io.openjims.collector.directory.config.DirectoryConfig;
import io.openjims.collector.directory.ldap.DirectoryKind;
import io.openjims.collector.directory.repository.DirectorySourceEntity;
import io.openjims.collector.directory.repository.DirectorySourceRepository;
import io.openjims.collector.directory.repository.DirectoryStatusEntity;
import io.openjims.collector.directory.repository.DirectoryStatusRepository;
import io.openjims.collector.directory.rest.DirectoryRequest;
import io.openjims.collector.directory.rest.DirectoryView;
import io.openjims.model.kafka.JsonCodec;
import io.openjims.support.api.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Adds, changes and removes directory sources; validates, encrypts the bind password, and asks for a sync. */
@ApplicationScoped
public class DirectoryAdminService {

    private final DirectorySourceRepository sources;
    private final DirectoryStatusRepository statuses;
    private final DirectorySecrets cipher;
    private final DirectorySyncService sync;
    private final int maxDirectories;

    public DirectoryAdminService(
            DirectorySourceRepository sources,
            DirectoryStatusRepository statuses,
            DirectorySecrets cipher,
            DirectorySyncService sync,
            DirectoryConfig config) {
        this.sources = sources;
        this.statuses = statuses;
        this.cipher = cipher;
        this.sync = sync;
        this.maxDirectories = config.maxDirectories();
    }

    @WithTransaction
    public Uni<DirectoryView> create(DirectoryRequest request) {
        DirectoryValidator.Valid valid = DirectoryValidator.validate(request, true);
        requireKey();
        return sources.count()
                .flatMap(count -> {
                    if (count >= maxDirectories) {
                        throw new ApiException(
                                409,
                                "too_many_directories",
                                "at most " + maxDirectories + " directories; remove one first",
                                null,
                                Map.of());
                    }
                    return sources.nameTaken(valid.name(), null);
                })
                .flatMap(taken -> {
                    if (taken) {
                        throw nameTaken();
                    }
                    return sources.listAll();
                })
                .flatMap(others -> {
                    DirectoryValidator.requireOwnNames(valid, null, others);
                    DirectorySourceEntity entity = new DirectorySourceEntity();
                    entity.id = UUID.randomUUID();
                    entity.createdAt = Instant.now();
                    entity.configVersion = 1;
                    apply(entity, valid);
                    return sources.persist(entity);
                })
                .invoke(entity -> sync.requestSync(entity.id, true))
                .map(entity -> view(entity, null));
    }

    @WithSession
    public Uni<List<DirectoryView>> list() {
        return sources.allByName()
                .map(all -> all.stream().map(e -> view(e, null)).toList());
    }

    @WithSession
    public Uni<DirectoryView> get(UUID id) {
        return sources.findById(id).flatMap(entity -> {
            if (entity == null) {
                throw ApiException.notFound("no directory with this id");
            }
            return statuses.findById(id)
                    .map(status -> view(entity, status == null ? new DirectoryStatusEntity() : status));
        });
    }

    @WithTransaction
    public Uni<DirectoryView> update(UUID id, DirectoryRequest request) {
        DirectoryValidator.Valid valid = DirectoryValidator.validate(request, false);
        requireKey();
        return sources.findById(id)
                .flatMap(entity -> {
                    if (entity == null) {
                        throw ApiException.notFound("no directory with this id");
                    }
                    return sources.nameTaken(valid.name(), id)
                            .flatMap(taken -> {
                                if (taken) {
                                    throw nameTaken();
                                }
                                return sources.listAll();
                            })
                            .map(others -> {
                                DirectoryValidator.requireOwnNames(valid, id, others);
                                apply(entity, valid);
                                entity.configVersion++;
                                return entity;
                            });
                })
                .invoke(entity -> sync.requestSync(entity.id, true))
                .map(entity -> view(entity, null));
    }

    @WithTransaction
    public Uni<Void> delete(UUID id) {
        return sources.deleteById(id).flatMap(deleted -> {
            if (!deleted) {
                throw ApiException.notFound("no directory with this id");
            }
            return Uni.createFrom().voidItem();
        });
    }

    @WithSession
    public Uni<Void> requestSync(UUID id, boolean full) {
        return sources.findById(id).map(entity -> {
            if (entity == null) {
                throw ApiException.notFound("no directory with this id");
            }
            sync.requestSync(id, full);
            return null;
        });
    }

    private void apply(DirectorySourceEntity e, DirectoryValidator.Valid v) {
        apply(e, v, cipher);
    }

    /** Copies a validated directory onto a row; a given bind password is encrypted for the row's id. */
    public static void apply(DirectorySourceEntity e, DirectoryValidator.Valid v, DirectorySecrets cipher) {
        e.name = v.name();
        e.kind = v.kind().wireName();
        e.url = v.url();
        e.startTls = v.startTls();
        e.bindDn = v.bindDn();
        if (v.bindPassword() != null) {
            e.bindPasswordEnc = cipher.encrypt(v.bindPassword(), e.id.toString());
        }
        e.baseDn = v.baseDn();
        e.domain = v.domain();
        e.netbiosName = v.netbiosName();
        e.upnSuffixes = JsonCodec.toJson(v.upnSuffixes());
        e.pollIntervalSeconds = v.pollIntervalSeconds();
        e.fullSyncIntervalSeconds = v.fullSyncIntervalSeconds();
        e.excludeDnPatterns = JsonCodec.toJson(v.excludeDnPatterns());
        e.caPem = v.caPem();
        e.ldapMapping =
                v.kind() == DirectoryKind.LDAP && v.ldapMapping() != null ? JsonCodec.toJson(v.ldapMapping()) : null;
        e.updatedAt = Instant.now();
    }

    private void requireKey() {
        requireKey(cipher);
    }

    /** 503 {@code encryption_key_missing} while no key is set. */
    public static void requireKey(DirectorySecrets cipher) {
        if (!cipher.configured()) {
            throw new ApiException(
                    503,
                    "encryption_key_missing",
                    "set OPENJIMS_COLLECTOR_ENCRYPTION_KEY (base64 of 32 random bytes) so bind passwords can be stored"
                            + " encrypted",
                    null,
                    Map.of());
        }
    }

    /** The DirectoryRequest a row holds, without its bind password. */
    public static DirectoryRequest request(DirectorySourceEntity e) {
        return new DirectoryRequest(
                e.name,
                e.kind,
                e.url,
                e.startTls,
                e.bindDn,
                null,
                e.baseDn,
                e.domain,
                e.netbiosName,
                DirectorySettingsFactory.strings(e.upnSuffixes),
                e.pollIntervalSeconds,
                e.fullSyncIntervalSeconds,
                DirectorySettingsFactory.strings(e.excludeDnPatterns),
                e.caPem,
                DirectorySettingsFactory.mapping(e.ldapMapping));
    }

    private static ApiException nameTaken() {
        return new ApiException(
                409, "name_taken", "a directory with this name exists; choose another", "name", Map.of());
    }

    private static DirectoryView view(DirectorySourceEntity e, DirectoryStatusEntity s) {
        DirectoryView.Status status = s == null
                ? null
                : new DirectoryView.Status(
                        s.lastSuccessfulSync,
                        s.lastFullSync,
                        s.lastAttempt,
                        s.lastError,
                        s.users,
                        s.groups,
                        s.devices,
                        s.lastDurationMs);
        return new DirectoryView(
                e.id,
                e.name,
                e.kind,
                e.url,
                e.startTls,
                e.bindDn,
                e.bindPasswordEnc != null,
                e.baseDn,
                e.domain,
                e.netbiosName,
                DirectorySettingsFactory.strings(e.upnSuffixes),
                e.pollIntervalSeconds,
                e.fullSyncIntervalSeconds,
                DirectorySettingsFactory.strings(e.excludeDnPatterns),
                e.caPem,
                DirectorySettingsFactory.mapping(e.ldapMapping),
                e.createdAt,
                e.updatedAt,
                status);
    }
}
