package io.openjims.collector.transfer.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openjims.collector.radius.repository.RadiusClientEntity;
import io.openjims.collector.radius.repository.RadiusClientRepository;
import io.openjims.collector.radius.service.RadiusClientInput;
import io.openjims.collector.radius.service.RadiusClientService;
import io.openjims.collector.radius.service.RadiusClients;
import io.openjims.collector.radius.service.RadiusSecrets;
import io.openjims.support.api.ApiException;
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

/**
 * The {@code radius_clients} section: RADIUS accounting clients (NAS) as {@code /api/admin/radius-clients} takes
 * them; the shared secret is the secret. On import a client of the same name is changed in place, others are
 * created, clients not in the document removed; the listener's client table is reloaded at once.
 */
@ApplicationScoped
public class RadiusClientsSection implements ConfigSection {

    public static final String NAME = "radius_clients";
    private static final String SECRET = "secret";

    private final RadiusClientRepository repository;
    private final RadiusSecrets secrets;
    private final RadiusClients clients;

    public RadiusClientsSection(RadiusClientRepository repository, RadiusSecrets secrets, RadiusClients clients) {
        this.repository = repository;
        this.secrets = secrets;
        this.clients = clients;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<JsonNode> export(ConfigSeal seal) {
        return repository.listByName().map(all -> {
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            for (RadiusClientEntity e : all) {
                ObjectNode item = items.addObject();
                item.put("name", e.name);
                item.put("address", e.address);
                item.put("domain", e.defaultDomain);
                ScopeFields.put(item, RadiusClients.scope(e));
                item.set(
                        SECRET,
                        ConfigDocuments.secretField(
                                seal, seal == null ? null : secrets.decrypt(e.secretEnc, e.id), path(e.name)));
            }
            return items;
        });
    }

    private record Imported(RadiusClientInput input, RadiusClientService.Valid valid, JsonNode secret) {}

    private List<Imported> parse(JsonNode content) {
        List<Imported> imported = SectionItems.read(NAME, content, item -> {
            RadiusClientInput input = new RadiusClientInput(
                    SectionItems.text(item, "name"),
                    SectionItems.text(item, "address"),
                    null,
                    SectionItems.text(item, "domain"),
                    SectionItems.strings(item, "domains"),
                    SectionItems.strings(item, "address_ranges"),
                    item.path("trust_asserted_roles").asBoolean(false));
            return new Imported(input, RadiusClientService.validate(input, false), item.get(SECRET));
        });
        if (!imported.isEmpty()) {
            RadiusClientService.requireKey(secrets);
        }
        Set<String> names = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        for (Imported i : imported) {
            String where = NAME + " (" + i.valid().name() + ")";
            if (!names.add(i.valid().name().toLowerCase(Locale.ROOT))) {
                throw ApiException.badRequest("duplicate_name", where + ": the name appears twice");
            }
            if (!addresses.add(i.valid().address())) {
                throw ApiException.badRequest(
                        "duplicate_address",
                        where + ": another client has the address " + i.valid().address());
            }
        }
        return imported;
    }

    @Override
    public List<SecretNeed> check(JsonNode content) {
        List<SecretNeed> needs = new ArrayList<>();
        for (Imported i : parse(content)) {
            needs.add(new SecretNeed(
                    path(i.valid().name()),
                    i.secret(),
                    "radius shared secret",
                    i.valid().name(),
                    null,
                    "RADIUS shared secret of the NAS at " + i.valid().address() + " ("
                            + RadiusClientService.MIN_SECRET_BYTES + " to " + RadiusClientService.MAX_SECRET_BYTES
                            + " bytes)"));
        }
        return needs;
    }

    @Override
    public Uni<SectionChange> replace(JsonNode content, Map<String, SecretValue> given) {
        List<RadiusClientService.Valid> imported = new ArrayList<>();
        for (Imported i : parse(content)) {
            RadiusClientInput in = i.input();
            String secret = given.get(path(i.valid().name())).value();
            try {
                imported.add(RadiusClientService.validate(
                        new RadiusClientInput(
                                in.name(),
                                in.address(),
                                secret,
                                in.domain(),
                                in.domains(),
                                in.addressRanges(),
                                in.trustAssertedRoles()),
                        true));
            } catch (ApiException e) {
                throw SectionItems.at(NAME + " (" + i.valid().name() + ")", e);
            }
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return SectionReplace.replace(
                Rows.of(repository, repository::listByName),
                e -> e.name.toLowerCase(Locale.ROOT),
                imported,
                v -> v.name().toLowerCase(Locale.ROOT),
                v -> {
                    RadiusClientEntity entity = new RadiusClientEntity();
                    entity.id = RadiusClientService.newId();
                    entity.createdAt = now;
                    return entity;
                },
                SectionReplace.always((v, entity) -> RadiusClientService.apply(entity, v, secrets, now)));
    }

    /** The listener's client table takes the imported clients and secrets at once. */
    @Override
    public Uni<Void> afterImport() {
        return clients.reload();
    }

    private static String path(String name) {
        return ConfigDocuments.path(NAME, name, SECRET);
    }
}
