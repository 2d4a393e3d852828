package io.openjims.collector.transfer.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openjims.collector.ingest.clients.repository.IngestClientEntity;
import io.openjims.collector.ingest.clients.repository.IngestClientRepository;
import io.openjims.collector.ingest.clients.service.CredentialHasher;
import io.openjims.collector.ingest.clients.service.IngestClientService;
import io.openjims.collector.ingest.service.ProducerScope;
import io.openjims.model.kafka.JsonCodec;
import io.openjims.support.api.ApiException;
import io.openjims.support.crypto.Pbkdf2Hasher;
import io.openjims.support.transfer.ConfigDocuments;
import io.openjims.support.transfer.ConfigSeal;
import io.openjims.support.transfer.ConfigSection;
import io.openjims.support.transfer.SectionItems;
import io.openjims.support.transfer.SectionReplace;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code ingest_clients} section: HTTP ingest clients (SRX Web API Basic credentials, PAN-OS API key) with their
 * producer scope. Both secrets travel as their stored hashes (sealed), so the devices' credentials keep working on
 * another server; a secret the admin assigns at import is hashed. On import a client of the same {@code client_id}
 * is changed in place, others are created, clients not in the document removed; remembered credentials are
 * forgotten at once.
 */
@ApplicationScoped
public class IngestClientsSection implements ConfigSection {

    public static final String NAME = "ingest_clients";
    static final String SECRET = "secret_hash";
    static final String API_KEY = "api_key_hash";
    /** Shortest client secret an admin may assign at import (generated ones have 40 characters). */
    static final int MIN_ASSIGNED_SECRET = 32;

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern PREFIX =
            Pattern.compile("[A-Za-z0-9]{" + IngestClientService.API_KEY_PREFIX_LENGTH + "}");
    private static final Pattern API_KEY_TEXT =
            Pattern.compile("[A-Za-z0-9]{" + IngestClientService.API_KEY_LENGTH + "}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final IngestClientRepository repository;
    private final IngestClientService service;

    public IngestClientsSection(IngestClientRepository repository, IngestClientService service) {
        this.repository = repository;
        this.service = service;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<JsonNode> export(ConfigSeal seal) {
        return repository.listByName().map(all -> {
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            for (IngestClientEntity e : all) {
                ObjectNode item = items.addObject();
                item.put("client_id", e.clientId);
                item.put("name", e.name);
                item.put("api_key_prefix", e.apiKeyPrefix);
                item.put("created_at", e.createdAt.toString());
                ScopeFields.put(item, IngestClientService.scope(e));
                item.set(SECRET, ConfigDocuments.secretField(seal, e.secretHash, path(e.clientId, SECRET)));
                item.set(API_KEY, ConfigDocuments.secretField(seal, e.apiKeyHash, path(e.clientId, API_KEY)));
            }
            return items;
        });
    }

    private record Imported(
            String clientId,
            String name,
            String apiKeyPrefix,
            Instant createdAt,
            ProducerScope scope,
            JsonNode secret,
            JsonNode apiKey) {}

    private static List<Imported> parse(JsonNode content) {
        List<Imported> imported = SectionItems.read(NAME, content, item -> {
            String id = SectionItems.text(item, "client_id");
            if (id == null || !CLIENT_ID.matcher(id).matches()) {
                throw ApiException.invalidField("client_id", "must be 1-64 letters, digits, '.', '_' or '-'");
            }
            String name = IngestClientService.validName(SectionItems.text(item, "name"));
            String prefix = SectionItems.text(item, "api_key_prefix");
            if (prefix == null || !PREFIX.matcher(prefix).matches()) {
                throw ApiException.invalidField(
                        "api_key_prefix",
                        "must be the first " + IngestClientService.API_KEY_PREFIX_LENGTH + " letters or digits of the"
                                + " API key");
            }
            Instant createdAt;
            try {
                String text = SectionItems.text(item, "created_at");
                createdAt = text == null ? Instant.now() : Instant.parse(text);
            } catch (RuntimeException e) {
                throw ApiException.invalidField("created_at", "must be an ISO-8601 instant");
            }
            ProducerScope scope = ProducerScope.validated(
                    SectionItems.strings(item, "domains"),
                    SectionItems.strings(item, "address_ranges"),
                    item.path("trust_asserted_roles").asBoolean(false));
            return new Imported(
                    id,
                    name,
                    prefix,
                    createdAt.truncatedTo(ChronoUnit.MICROS),
                    scope,
                    item.get(SECRET),
                    item.get(API_KEY));
        });
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Imported i : imported) {
            String where = NAME + " (" + i.name() + ")";
            if (!ids.add(i.clientId())) {
                throw ApiException.badRequest(
                        "duplicate_client_id", where + ": client_id " + i.clientId() + " appears twice");
            }
            if (!names.add(i.name().toLowerCase(Locale.ROOT))) {
                throw ApiException.badRequest("duplicate_name", where + ": the name appears twice");
            }
        }
        return imported;
    }

    @Override
    public List<SecretNeed> check(JsonNode content) {
        List<SecretNeed> needs = new ArrayList<>();
        for (Imported i : parse(content)) {
            needs.add(new SecretNeed(
                    path(i.clientId(), SECRET),
                    i.secret(),
                    "ingest client secret",
                    i.name(),
                    i.clientId(),
                    "Basic client secret of " + i.clientId() + " (SRX Web API); a secret typed here must be "
                            + MIN_ASSIGNED_SECRET + "+ characters and replaces the one on the devices"));
            needs.add(new SecretNeed(
                    path(i.clientId(), API_KEY),
                    i.apiKey(),
                    "ingest client api key",
                    i.name(),
                    i.clientId(),
                    "PAN-OS User-ID API key of " + i.clientId() + "; a key typed here must be "
                            + IngestClientService.API_KEY_LENGTH + " letters or digits"));
        }
        return needs;
    }

    /** An imported client with the hashes it is stored with. */
    private record Hashed(Imported client, String secretHash, String apiKeyPrefix, String apiKeyHash) {}

    @Override
    public Uni<SectionChange> replace(JsonNode content, Map<String, SecretValue> secrets) {
        List<Hashed> imported = new ArrayList<>();
        Set<String> prefixes = new HashSet<>();
        for (Imported i : parse(content)) {
            String where = NAME + " (" + i.name() + ")";
            SecretValue secret = secrets.get(path(i.clientId(), SECRET));
            SecretValue key = secrets.get(path(i.clientId(), API_KEY));
            String secretHash = secretHash(where, secret);
            String prefix = i.apiKeyPrefix();
            String keyHash;
            if (key.fromDocument()) {
                if (!SHA256_HEX.matcher(key.value()).matches()) {
                    throw ApiException.badRequest("invalid_secret_hash", where + ": the API key hash is not SHA-256");
                }
                keyHash = key.value();
            } else {
                if (!API_KEY_TEXT.matcher(key.value()).matches()) {
                    throw ApiException.badRequest(
                            "weak_secret",
                            where + ": an assigned API key must be " + IngestClientService.API_KEY_LENGTH
                                    + " letters or digits");
                }
                prefix = key.value().substring(0, IngestClientService.API_KEY_PREFIX_LENGTH);
                keyHash = CredentialHasher.sha256Hex(key.value());
            }
            if (!prefixes.add(prefix)) {
                throw ApiException.badRequest(
                        "duplicate_api_key", where + ": another client has the same API key prefix");
            }
            imported.add(new Hashed(i, secretHash, prefix, keyHash));
        }
        return SectionReplace.replace(
                Rows.of(repository, repository::listByName),
                e -> e.clientId,
                imported,
                h -> h.client().clientId(),
                h -> {
                    IngestClientEntity entity = new IngestClientEntity();
                    entity.clientId = h.client().clientId();
                    entity.createdAt = h.client().createdAt();
                    return entity;
                },
                SectionReplace.always((h, entity) -> {
                    entity.name = h.client().name();
                    entity.secretHash = h.secretHash();
                    entity.apiKeyPrefix = h.apiKeyPrefix();
                    entity.apiKeyHash = h.apiKeyHash();
                    entity.domains = JsonCodec.toJson(h.client().scope().domains());
                    entity.addressRanges = JsonCodec.toJson(h.client().scope().addressRanges());
                    entity.trustAssertedRoles = h.client().scope().trustAssertedRoles();
                }));
    }

    /** The stored form: the document's hash as it is, or a typed secret hashed like generated ones. */
    private static String secretHash(String where, SecretValue secret) {
        if (secret.fromDocument()) {
            String value = secret.value();
            boolean sha256 = value.startsWith(IngestClientService.SHA256_PREFIX)
                    && SHA256_HEX
                            .matcher(value.substring(IngestClientService.SHA256_PREFIX.length()))
                            .matches();
            boolean pbkdf2 = value.startsWith(Pbkdf2Hasher.PREFIX + "$") && value.split("\\$").length == 4;
            if (!sha256 && !pbkdf2) {
                throw ApiException.badRequest(
                        "invalid_secret_hash", where + ": the client secret hash is neither SHA-256 nor PBKDF2");
            }
            return value;
        }
        if (secret.value().length() < MIN_ASSIGNED_SECRET || secret.value().length() > 200) {
            throw ApiException.badRequest(
                    "weak_secret",
                    where + ": an assigned client secret must be " + MIN_ASSIGNED_SECRET + " to 200 characters");
        }
        return IngestClientService.SHA256_PREFIX + CredentialHasher.sha256Hex(secret.value());
    }

    /** Credentials remembered by this replica are forgotten: the imported hashes decide from now on. */
    @Override
    public Uni<Void> afterImport() {
        service.forgetAll();
        return Uni.createFrom().voidItem();
    }

    private static String path(String clientId, String field) {
        return ConfigDocuments.path(NAME, clientId, field);
    }
}
