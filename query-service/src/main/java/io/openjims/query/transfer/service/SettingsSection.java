package io.openjims.query.transfer.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openjims.model.kafka.JsonCodec;
import io.openjims.query.admin.model.SettingsBody;
import io.openjims.query.admin.service.ViewAdminService;
import io.openjims.query.view.model.TimeoutSettings;
import io.openjims.query.view.repository.SettingJdbcRepository;
import io.openjims.support.api.ApiException;
import io.openjims.support.transfer.ConfigSeal;
import io.openjims.support.transfer.ConfigSection;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code settings} section: the view's runtime settings ({@code session_timeout_minutes},
 * {@code source_timeout_minutes}), as
 * {@code GET /api/admin/settings} shows them; imported in the import's transaction with the same rules as
 * {@code PUT /api/admin/settings}.
 */
@ApplicationScoped
public class SettingsSection implements ConfigSection {

    public static final String NAME = "settings";

    private final ViewAdminService admin;

    public SettingsSection(ViewAdminService admin) {
        this.admin = admin;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<JsonNode> export(ConfigSeal seal) {
        return admin.settings().map(body -> {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("session_timeout_minutes", body.sessionTimeoutMinutes());
            ObjectNode bySource = node.putObject("source_timeout_minutes");
            body.sourceTimeoutMinutes().forEach(bySource::put);
            return node;
        });
    }

    @Override
    public List<SecretNeed> check(JsonNode content) {
        timeouts(content);
        return List.of();
    }

    private static TimeoutSettings timeouts(JsonNode content) {
        if (content == null || !content.isObject()) {
            throw ApiException.badRequest("invalid_section", "settings must be an object");
        }
        JsonNode value = content.get("session_timeout_minutes");
        if (value == null || !value.canConvertToInt()) {
            throw ApiException.badRequest("invalid_section", "settings.session_timeout_minutes must be an integer");
        }
        Map<String, Integer> bySource = new TreeMap<>();
        JsonNode sources = content.get("source_timeout_minutes");
        if (sources != null && !sources.isNull()) {
            if (!sources.isObject()) {
                throw ApiException.badRequest("invalid_section", "settings.source_timeout_minutes must be an object");
            }
            for (var e : sources.properties()) {
                if (!e.getValue().canConvertToInt()) {
                    throw ApiException.badRequest(
                            "invalid_section", "settings.source_timeout_minutes." + e.getKey() + " must be an integer");
                }
                bySource.put(e.getKey(), e.getValue().asInt());
            }
        }
        return ViewAdminService.validTimeouts(new SettingsBody(value.asInt(), bySource));
    }

    @Override
    public Uni<SectionChange> replace(JsonNode content, Map<String, SecretValue> secrets) {
        TimeoutSettings timeouts = timeouts(content);
        String bySource = JsonCodec.toJson(timeouts.bySourceKind());
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("INSERT INTO query.setting (name, value)"
                                + " VALUES (:name, :value), (:sourcesName, :sources)"
                                + " ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value")
                        .setParameter("name", SettingJdbcRepository.SESSION_TIMEOUT)
                        .setParameter("value", Integer.toString(timeouts.minutes()))
                        .setParameter("sourcesName", SettingJdbcRepository.SOURCE_TIMEOUTS)
                        .setParameter("sources", bySource)
                        .executeUpdate()
                        .flatMap(x -> session.createNativeQuery(SettingJdbcRepository.MOVE_EXPIRIES)
                                .setParameter("minutes", timeouts.minutes())
                                .setParameter("bySource", bySource)
                                .executeUpdate()))
                .map(x -> new SectionChange(0, 1, 0));
    }
}
