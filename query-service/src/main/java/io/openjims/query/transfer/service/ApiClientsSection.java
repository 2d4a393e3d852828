package io.openjims.query.transfer.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openjims.query.auth.repository.ApiClientEntity;
import io.openjims.query.auth.repository.ApiClientRepository;
import io.openjims.query.auth.repository.TokenRevocationRepository;
import io.openjims.query.auth.service.ApiClientService;
import io.openjims.query.auth.service.Offload;
import io.openjims.query.auth.service.RevocationRelay;
import io.openjims.support.api.ApiException;
import io.openjims.support.crypto.Pbkdf2Hasher;
import io.openjims.support.transfer.ConfigDocuments;
import io.openjims.support.transfer.ConfigSeal;
import io.openjims.support.transfer.ConfigSection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code api_clients} section: SRX, ingest and admin API clients with their roles and domains. The secret
 * travels as its PBKDF2 hash (sealed), so the clients' secrets keep working on another server; a secret the admin
 * assigns at import is hashed. Clients created from configuration (the bootstrap admin) are neither exported nor
 * touched: each server's own configuration provides them. Removed clients and changed secrets revoke tokens.
 */
@ApplicationScoped
public class ApiClientsSection implements ConfigSection {

    public static final String NAME = "api_clients";
    static final int MIN_ASSIGNED_SECRET = 16;
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private final ApiClientRepository clients;
    private final TokenRevocationRepository revocations;
    private final RevocationRelay relay;
    private final Pbkdf2Hasher hasher;
    private final Offload offload;

    public ApiClientsSection(
            ApiClientRepository clients,
            TokenRevocationRepository revocations,
            RevocationRelay relay,
            Pbkdf2Hasher hasher,
            Offload offload) {
        this.clients = clients;
        this.revocations = revocations;
        this.relay = relay;
        this.hasher = hasher;
        this.offload = offload;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<JsonNode> export(ConfigSeal seal) {
        return clients.listByCreation().map(all -> {
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            for (ApiClientEntity c : all) {
                if (ApiClientEntity.ORIGIN_CONFIG.equals(c.origin)) {
                    continue;
                }
                ObjectNode item = items.addObject();
                item.put("client_id", c.clientId);
                item.put("name", c.name);
                ArrayNode roles = item.putArray("roles");
                for (String r : c.roles) {
                    roles.add(r);
                }
                ArrayNode domains = item.putArray("domains");
                for (String d : c.domains) {
                    domains.add(d);
                }
                item.put("created_at", c.createdAt.toString());
                item.set(
                        "secret_hash",
                        ConfigDocuments.secretField(
                                seal, c.secretHash, ConfigDocuments.path(NAME, c.clientId, "secret_hash")));
            }
            return items;
        });
    }

    record ImportedClient(
            String clientId,
            String name,
            List<String> roles,
            List<String> domains,
            Instant createdAt,
            JsonNode secret) {}

    @Override
    public List<SecretNeed> check(JsonNode content) {
        List<SecretNeed> needs = new ArrayList<>();
        for (ImportedClient c : parse(content)) {
            needs.add(new SecretNeed(
                    ConfigDocuments.path(NAME, c.clientId(), "secret_hash"),
                    c.secret(),
                    "api client secret",
                    c.name(),
                    c.clientId(),
                    "client secret of " + c.clientId() + " (roles " + String.join(", ", c.roles())
                            + "); a secret typed here must be " + MIN_ASSIGNED_SECRET + "+ characters"));
        }
        return needs;
    }

    private static List<ImportedClient> parse(JsonNode content) {
        if (content == null || !content.isArray()) {
            throw ApiException.badRequest("invalid_section", "api_clients must be an array of clients");
        }
        List<ImportedClient> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int position = 0;
        for (JsonNode item : content) {
            position++;
            String where = "api_clients[" + position + "]";
            try {
                if (!item.isObject()) {
                    throw ApiException.badRequest("invalid_section", "must be an object");
                }
                String id = item.path("client_id").asText("");
                if (!CLIENT_ID.matcher(id).matches()) {
                    throw ApiException.badRequest(
                            "invalid_client_id", "client_id must be 1-200 letters, digits, '.', '_' or '-'");
                }
                if (!ids.add(id)) {
                    throw ApiException.badRequest("duplicate_client_id", "client_id " + id + " appears twice");
                }
                String name = ApiClientService.validateName(item.path("name").asText(null));
                List<String> roles = ApiClientService.validateRoles(strings(item.get("roles")));
                List<String> domains = ApiClientService.validateDomains(strings(item.get("domains")));
                Instant createdAt;
                try {
                    createdAt = item.hasNonNull("created_at")
                            ? Instant.parse(item.get("created_at").asText())
                            : Instant.now();
                } catch (RuntimeException e) {
                    throw ApiException.badRequest("created_at must be an ISO-8601 instant");
                }
                out.add(new ImportedClient(id, name, roles, domains, createdAt, item.get("secret_hash")));
            } catch (ApiException e) {
                throw new ApiException(e.status(), e.error(), where + ": " + e.getMessage(), e.field(), Map.of());
            }
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        if (array == null || array.isNull()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isTextual() ? n.asText() : null));
        return out;
    }

    @Override
    public Uni<SectionChange> replace(JsonNode content, Map<String, SecretValue> secrets) {
        List<ImportedClient> imported = parse(content);
        Map<String, String> hashes = new HashMap<>();
        List<String> toHash = new ArrayList<>();
        for (ImportedClient c : imported) {
            String path = ConfigDocuments.path(NAME, c.clientId(), "secret_hash");
            SecretValue secret = secrets.get(path);
            if (secret.fromDocument()) {
                if (!secret.value().startsWith(Pbkdf2Hasher.PREFIX + "$")
                        || secret.value().split("\\$").length != 4) {
                    throw ApiException.badRequest(
                            "invalid_secret_hash",
                            "api client " + c.clientId() + ": the secret hash is not a PBKDF2 hash");
                }
                hashes.put(c.clientId(), secret.value());
            } else {
                if (secret.value().length() < MIN_ASSIGNED_SECRET) {
                    throw ApiException.badRequest(
                            "weak_secret",
                            "api client " + c.clientId() + ": an assigned secret must be at least "
                                    + MIN_ASSIGNED_SECRET + " characters");
                }
                toHash.add(c.clientId());
            }
        }
        Uni<Void> hashing = Uni.createFrom().voidItem();
        for (String id : toHash) {
            String plain =
                    secrets.get(ConfigDocuments.path(NAME, id, "secret_hash")).value();
            hashing = hashing.flatMap(v -> offload.run(() -> hasher.hash(plain)))
                    .invoke(hash -> hashes.put(id, hash))
                    .replaceWithVoid();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return hashing.flatMap(v -> clients.listAll()).flatMap(existing -> {
            Map<String, ApiClientEntity> byId = new HashMap<>();
            existing.forEach(e -> byId.put(e.clientId, e));
            int added = 0;
            int replaced = 0;
            List<ApiClientEntity> fresh = new ArrayList<>();
            List<String> revoked = new ArrayList<>();
            for (ImportedClient c : imported) {
                ApiClientEntity entity = byId.remove(c.clientId());
                if (entity != null && ApiClientEntity.ORIGIN_CONFIG.equals(entity.origin)) {
                    continue; // this server's configured client stays as its configuration says
                }
                String hash = hashes.get(c.clientId());
                if (entity == null) {
                    entity = new ApiClientEntity();
                    entity.clientId = c.clientId();
                    entity.origin = ApiClientEntity.ORIGIN_API;
                    entity.createdAt = c.createdAt().truncatedTo(ChronoUnit.MICROS);
                    entity.secretChangedAt = now;
                    fresh.add(entity);
                    added++;
                } else {
                    replaced++;
                    if (!entity.secretHash.equals(hash)) {
                        entity.secretChangedAt = now;
                        revoked.add(entity.clientId);
                    }
                }
                entity.name = c.name();
                entity.roles = c.roles().toArray(String[]::new);
                entity.domains = c.domains().toArray(String[]::new);
                entity.secretHash = hash;
                entity.secretSetBy = ApiClientEntity.ORIGIN_API;
            }
            List<ApiClientEntity> removed = byId.values().stream()
                    .filter(e -> !ApiClientEntity.ORIGIN_CONFIG.equals(e.origin))
                    .toList();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (ApiClientEntity gone : removed) {
                chain = chain.flatMap(x -> clients.delete(gone))
                        .flatMap(x -> revocations.revoke(gone.clientId, now, "deleted"));
            }
            for (String id : revoked) {
                chain = chain.flatMap(x -> revocations.revoke(id, now, "rotated"));
            }
            for (ApiClientEntity e : fresh) {
                chain = chain.flatMap(x -> clients.persist(e)).replaceWithVoid();
            }
            SectionChange change = new SectionChange(added, replaced, removed.size());
            return chain.flatMap(x -> clients.flush()).map(x -> change).invoke(relay::wakeUp);
        });
    }
}
