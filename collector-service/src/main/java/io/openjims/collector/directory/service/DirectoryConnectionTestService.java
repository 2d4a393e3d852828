package io.openjims.collector.directory.service;

import io.openjims.collector.directory.config.DirectoryConfig;
import io.openjims.collector.directory.ldap.ConnectionTester;
import io.openjims.collector.directory.ldap.DirectorySettings;
import io.openjims.collector.directory.ldap.LdapConnector;
import io.openjims.collector.directory.repository.DirectorySourceEntity;
import io.openjims.collector.directory.repository.DirectorySourceRepository;
import io.openjims.collector.directory.rest.DirectoryRequest;
import io.openjims.support.api.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;

/**
 * Tries a directory definition (a new one, or a stored one with changes) before it is saved: a real bind and base
 * search, on a worker thread, bounded by the connect timeout and {@link #SEARCH_TIMEOUT}.
 */
@ApplicationScoped
public class DirectoryConnectionTestService {

    /** Upper bound of the test's LDAP operations: an admin is waiting for the answer. */
    static final Duration SEARCH_TIMEOUT = Duration.ofSeconds(15);

    private final DirectorySourceRepository sources;
    private final DirectorySecrets cipher;
    private final ConnectionTester tester;

    public DirectoryConnectionTestService(
            DirectorySourceRepository sources, DirectorySecrets cipher, DirectoryConfig config) {
        this.sources = sources;
        this.cipher = cipher;
        Duration response =
                config.responseTimeout().compareTo(SEARCH_TIMEOUT) < 0 ? config.responseTimeout() : SEARCH_TIMEOUT;
        this.tester = new ConnectionTester(new LdapConnector(config.connectTimeout(), response));
    }

    /** Tests a full definition (bind_password required), as {@code POST /api/admin/directories} would store it. */
    public Uni<ConnectionTester.Outcome> test(DirectoryRequest request) {
        DirectoryValidator.Valid valid = DirectoryValidator.validate(request, true);
        return run(settings(valid, valid.bindPassword(), null));
    }

    /**
     * Tests a stored directory: as stored without a request, else the request's fields as a PUT would apply them (a
     * missing bind_password uses the stored, decrypted one).
     */
    public Uni<ConnectionTester.Outcome> test(UUID id, DirectoryRequest request) {
        return stored(id, request).flatMap(this::run);
    }

    private Uni<DirectorySettings> stored(UUID id, DirectoryRequest request) {
        return Panache.withSession(() -> sources.findById(id)).map(entity -> {
            if (entity == null) {
                throw ApiException.notFound("no directory with this id");
            }
            DirectoryValidator.Valid valid = DirectoryValidator.validate(
                    request != null ? request : DirectoryAdminService.request(entity), false);
            String password = valid.bindPassword() != null ? valid.bindPassword() : storedPassword(entity);
            return settings(valid, password, id);
        });
    }

    private String storedPassword(DirectorySourceEntity entity) {
        if (entity.bindPasswordEnc == null) {
            throw ApiException.invalidField("bind_password", "is required (none is stored)");
        }
        DirectoryAdminService.requireKey(cipher);
        return cipher.decrypt(entity.bindPasswordEnc, entity.id.toString());
    }

    private Uni<ConnectionTester.Outcome> run(DirectorySettings settings) {
        return Uni.createFrom()
                .item(() -> tester.test(settings))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static DirectorySettings settings(DirectoryValidator.Valid v, String password, UUID id) {
        return new DirectorySettings(
                id != null ? id : UUID.randomUUID(),
                v.name(),
                v.kind(),
                v.url(),
                v.startTls(),
                v.bindDn(),
                password,
                v.baseDn(),
                v.domain(),
                v.netbiosName(),
                v.upnSuffixes(),
                v.pollIntervalSeconds(),
                v.fullSyncIntervalSeconds(),
                v.excludeDnPatterns(),
                v.caPem(),
                v.ldapMapping(),
                0);
    }
}
