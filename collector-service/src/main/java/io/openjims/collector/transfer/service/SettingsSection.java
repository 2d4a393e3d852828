package io.openjims.collector.transfer.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openjims.collector.status.repository.CollectorSettingRepository;
import io.openjims.collector.status.service.CollectorAdminService;
import io.openjims.collector.status.service.CollectorHeartbeat;
import io.openjims.support.api.ApiException;
import io.openjims.support.transfer.ConfigSeal;
import io.openjims.support.transfer.ConfigSection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code settings} section: the collector settings an admin sets through the API and the database keeps, today
 * {@code description} ({@code PUT /api/admin/collector}); null means none is set (the configured default applies).
 * The collector's {@code site} id is not exported: it names this collector's database, not its configuration.
 */
@ApplicationScoped
public class SettingsSection implements ConfigSection {

    public static final String NAME = "settings";
    private static final String DESCRIPTION = "description";

    private final CollectorSettingRepository settings;
    private final CollectorHeartbeat heartbeat;

    public SettingsSection(CollectorSettingRepository settings, CollectorHeartbeat heartbeat) {
        this.settings = settings;
        this.heartbeat = heartbeat;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<JsonNode> export(ConfigSeal seal) {
        return settings.value(CollectorSettingRepository.DESCRIPTION).map(description -> {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put(DESCRIPTION, description.orElse(null));
            return node;
        });
    }

    /** The description to store, or null to remove the stored one. */
    private static String description(JsonNode content) {
        if (content == null || !content.isObject()) {
            throw ApiException.badRequest("invalid_section", "settings must be an object");
        }
        for (Iterator<String> names = content.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!DESCRIPTION.equals(name)) {
                throw ApiException.badRequest("invalid_section", "settings: unknown setting \"" + name + "\"");
            }
        }
        JsonNode value = content.get(DESCRIPTION);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest("invalid_section", "settings.description must be text or null");
        }
        try {
            return CollectorAdminService.validDescription(value.asText());
        } catch (ApiException e) {
            throw new ApiException(400, e.error(), "settings.description: " + e.getMessage());
        }
    }

    @Override
    public List<SecretNeed> check(JsonNode content) {
        description(content);
        return List.of();
    }

    @Override
    public Uni<SectionChange> replace(JsonNode content, Map<String, SecretValue> secrets) {
        String description = description(content);
        Uni<Void> write = description == null
                ? settings.deleteById(CollectorSettingRepository.DESCRIPTION).replaceWithVoid()
                : settings.put(CollectorSettingRepository.DESCRIPTION, description);
        return write.map(x -> new SectionChange(0, 1, 0));
    }

    /** The new description is published with the next heartbeat, at once. */
    @Override
    public Uni<Void> afterImport() {
        heartbeat.publishSoon();
        return Uni.createFrom().voidItem();
    }
}
