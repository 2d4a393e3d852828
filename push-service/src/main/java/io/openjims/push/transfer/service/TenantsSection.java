package io.openjims.push.transfer.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openjims.push.config.PushConfig;
import io.openjims.push.secret.service.SecretBeans;
import io.openjims.push.tenant.repository.TenantDeliveryEntity;
import io.openjims.push.tenant.repository.TenantDeliveryRepository;
import io.openjims.push.tenant.repository.TenantEntity;
import io.openjims.push.tenant.repository.TenantRepository;
import io.openjims.push.tenant.service.TenantValidation;
import io.openjims.support.api.ApiException;
import io.openjims.support.crypto.SecretCipher;
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
import java.util.UUID;

/**
 * The {@code tenants} section: every tenant with its endpoint, domains, CA and generated username (kept on import:
 * the tenant side is configured with it). Secrets: the Basic password and, with a client certificate, its key.
 * On import a tenant of the same name and username is updated in place (its delivery position kept); any other is
 * created; tenants not in the document are removed.
 */
@ApplicationScoped
public class TenantsSection implements ConfigSection {

    public static final String NAME = "tenants";

    private final TenantRepository tenants;
    private final TenantDeliveryRepository deliveries;
    private final SecretBeans secrets;
    private final PushConfig config;

    public TenantsSection(
            TenantRepository tenants, TenantDeliveryRepository deliveries, SecretBeans secrets, PushConfig config) {
        this.tenants = tenants;
        this.deliveries = deliveries;
        this.secrets = secrets;
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<JsonNode> export(ConfigSeal seal) {
        return tenants.listByName().map(all -> {
            SecretCipher cipher = seal == null ? null : cipher();
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            for (TenantEntity t : all) {
                ObjectNode item = items.addObject();
                item.put("name", t.name);
                item.put("kind", t.kind);
                item.put("endpoint", t.endpoint);
                ArrayNode domains = item.putArray("domains");
                for (String d : t.domains.split(",")) {
                    domains.add(d);
                }
                item.put("username", t.username);
                item.put("ca_pem", t.caPem);
                item.set(
                        "password",
                        ConfigDocuments.secretField(
                                seal,
                                cipher == null ? null : cipher.decrypt(t.passwordEnc, t.id.toString()),
                                ConfigDocuments.path(NAME, t.name, "password")));
                if (t.clientCertPem != null) {
                    item.put("client_cert_pem", t.clientCertPem);
                    item.set(
                            "client_key_pem",
                            ConfigDocuments.secretField(
                                    seal,
                                    cipher == null || t.clientKeyEnc == null
                                            ? null
                                            : cipher.decrypt(t.clientKeyEnc, t.id.toString()),
                                    ConfigDocuments.path(NAME, t.name, "client_key_pem")));
                }
            }
            return items;
        });
    }

    /** One tenant as the document describes it, validated. */
    record ImportedTenant(
            String name,
            String kind,
            String endpoint,
            List<String> domains,
            String username,
            String caPem,
            String clientCertPem,
            JsonNode password,
            JsonNode clientKey) {}

    @Override
    public List<SecretNeed> check(JsonNode content) {
        List<SecretNeed> needs = new ArrayList<>();
        for (ImportedTenant t : parse(content)) {
            needs.add(new SecretNeed(
                    ConfigDocuments.path(NAME, t.name(), "password"),
                    t.password(),
                    "tenant",
                    t.name(),
                    t.username(),
                    "Basic password sent to " + t.endpoint()));
            if (t.clientCertPem() != null) {
                needs.add(new SecretNeed(
                        ConfigDocuments.path(NAME, t.name(), "client_key_pem"),
                        t.clientKey(),
                        "tenant client key",
                        t.name(),
                        t.username(),
                        "private key of the client certificate presented to " + t.endpoint()));
            }
        }
        return needs;
    }

    private List<ImportedTenant> parse(JsonNode content) {
        if (content == null || !content.isArray()) {
            throw ApiException.badRequest("invalid_section", "tenants must be an array of tenants");
        }
        List<ImportedTenant> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> usernames = new HashSet<>();
        int position = 0;
        for (JsonNode item : content) {
            position++;
            String where = "tenants[" + position + "]";
            if (!item.isObject()) {
                throw ApiException.badRequest("invalid_section", where + " must be an object");
            }
            try {
                String name = TenantValidation.name(text(item, "name"));
                String kind = TenantValidation.kind(text(item, "kind")).wireName();
                String endpoint = TenantValidation.endpoint(text(item, "endpoint"), config.allowHttpEndpoints());
                List<String> domainList = new ArrayList<>();
                item.path("domains").forEach(d -> domainList.add(d.asText()));
                List<String> domains = TenantValidation.domains(domainList);
                String username = text(item, "username");
                if (username == null
                        || !TenantValidation.USERNAME.matcher(username).matches()) {
                    throw ApiException.badRequest(
                            "invalid_username", "username must be 1-100 letters, digits, '.', '_', '@' or '-'");
                }
                String caPem = TenantValidation.caPem(text(item, "ca_pem"));
                String certPem = text(item, "client_cert_pem");
                if (!names.add(name.toLowerCase(java.util.Locale.ROOT))) {
                    throw ApiException.badRequest("duplicate_name", "the tenant name \"" + name + "\" appears twice");
                }
                if (!usernames.add(username)) {
                    throw ApiException.badRequest("duplicate_username", "the username " + username + " appears twice");
                }
                out.add(new ImportedTenant(
                        name,
                        kind,
                        endpoint,
                        domains,
                        username,
                        caPem,
                        certPem == null || certPem.isBlank() ? null : certPem,
                        item.get("password"),
                        item.get("client_key_pem")));
            } catch (ApiException e) {
                throw new ApiException(e.status(), e.error(), where + ": " + e.getMessage(), e.field(), Map.of());
            }
        }
        return out;
    }

    @Override
    public Uni<SectionChange> replace(JsonNode content, Map<String, SecretValue> secrets) {
        Map<String, String> given = new HashMap<>();
        secrets.forEach((path, secret) -> given.put(path, secret.value()));
        List<ImportedTenant> imported = parse(content);
        SecretCipher cipher = cipher();
        for (ImportedTenant t : imported) {
            String password = given.get(ConfigDocuments.path(NAME, t.name(), "password"));
            try {
                TenantValidation.password(password);
                if (t.clientCertPem() != null) {
                    TenantValidation.clientCertificate(
                            t.clientCertPem(), given.get(ConfigDocuments.path(NAME, t.name(), "client_key_pem")));
                }
            } catch (ApiException e) {
                throw new ApiException(e.status(), e.error(), "tenant " + t.name() + ": " + e.getMessage());
            }
        }
        return tenants.listAll().flatMap(existing -> {
            Map<String, TenantEntity> byName = new HashMap<>();
            existing.forEach(e -> byName.put(e.name.toLowerCase(java.util.Locale.ROOT), e));
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            List<TenantEntity> kept = new ArrayList<>();
            List<TenantEntity> added = new ArrayList<>();
            // Same name, another username: the old tenant goes and a new one (own delivery position) comes.
            List<TenantEntity> superseded = new ArrayList<>();
            for (ImportedTenant t : imported) {
                TenantEntity current = byName.remove(t.name().toLowerCase(java.util.Locale.ROOT));
                TenantEntity tenant;
                if (current != null && current.username.equals(t.username())) {
                    tenant = current;
                    boolean visibleChange = !tenant.domains.equals(String.join(",", t.domains()))
                            || !tenant.kind.equals(t.kind())
                            || !tenant.endpoint.equals(t.endpoint());
                    tenant.configVersion++;
                    if (visibleChange) {
                        tenant.resyncGeneration++;
                    }
                    kept.add(tenant);
                } else {
                    if (current != null) {
                        superseded.add(current);
                    }
                    tenant = new TenantEntity();
                    tenant.id = UUID.randomUUID();
                    tenant.username = t.username();
                    tenant.configVersion = 1;
                    tenant.resyncGeneration = 1;
                    tenant.createdAt = now;
                    added.add(tenant);
                }
                tenant.name = t.name();
                tenant.kind = t.kind();
                tenant.endpoint = t.endpoint();
                tenant.domains = String.join(",", t.domains());
                tenant.caPem = t.caPem();
                String owner = tenant.id.toString();
                tenant.passwordEnc = cipher.encrypt(given.get(ConfigDocuments.path(NAME, t.name(), "password")), owner);
                if (t.clientCertPem() != null) {
                    tenant.clientCertPem = t.clientCertPem().trim() + "\n";
                    tenant.clientKeyEnc =
                            cipher.encrypt(given.get(ConfigDocuments.path(NAME, t.name(), "client_key_pem")), owner);
                } else {
                    tenant.clientCertPem = null;
                    tenant.clientKeyEnc = null;
                }
                tenant.updatedAt = now;
            }
            List<TenantEntity> removed = new ArrayList<>(byName.values());
            List<TenantEntity> deletions = new ArrayList<>(removed);
            deletions.addAll(superseded);
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (TenantEntity gone : deletions) {
                chain = chain.flatMap(v -> tenants.delete(gone));
            }
            // Deletions first, so a superseded tenant's name is free; then the new tenants.
            chain = chain.flatMap(v -> tenants.flush());
            for (TenantEntity t : added) {
                TenantDeliveryEntity delivery = new TenantDeliveryEntity();
                delivery.tenantId = t.id;
                delivery.status = "pending";
                chain = chain.flatMap(v -> tenants.persist(t))
                        .flatMap(v -> deliveries.persist(delivery))
                        .replaceWithVoid();
            }
            int replaced = kept.size() + superseded.size();
            int fresh = added.size() - superseded.size();
            return chain.flatMap(v -> tenants.flush()).map(v -> new SectionChange(fresh, replaced, removed.size()));
        });
    }

    private SecretCipher cipher() {
        return secrets.required();
    }

    private static String text(JsonNode item, String field) {
        JsonNode v = item.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
