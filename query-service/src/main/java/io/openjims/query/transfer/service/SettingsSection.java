package io.openjims.query.transfer.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openjims.query.admin.model.SettingsBody;
import io.openjims.query.admin.service.ViewAdminService;
import io.openjims.query.view.repository.SettingJdbcRepository;
import io.openjims.support.api.ApiException;
import io.openjims.support.transfer.ConfigSeal;
import io.openjims.support.transfer.ConfigSection;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * The {@code settings} section: the view's runtime settings ({@code session_timeout_minutes}), as
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
            return node;
        });
    }

    @Override
    public List<SecretNeed> check(JsonNode content) {
        minutes(content);
        return List.of();
    }

    private static int minutes(JsonNode content) {
        if (content == null || !content.isObject()) {
            throw ApiException.badRequest("invalid_section", "settings must be an object");
        }
        JsonNode value = content.get("session_timeout_minutes");
        if (value == null || !value.canConvertToInt()) {
            throw ApiException.badRequest("invalid_section", "settings.session_timeout_minutes must be an integer");
        }
        return ViewAdminService.validTimeout(new SettingsBody(value.asInt()));
    }

    @Override
    public Uni<SectionChange> replace(JsonNode content, Map<String, SecretValue> secrets) {
        int minutes = minutes(content);
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("INSERT INTO query.setting (name, value)"
                                + " VALUES (:name, :value) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value")
                        .setParameter("name", SettingJdbcRepository.SESSION_TIMEOUT)
                        .setParameter("value", Integer.toString(minutes))
                        .executeUpdate()
                        .flatMap(x -> session.createNativeQuery("UPDATE query.session SET expires_at = logon_at"
                                        + " + make_interval(mins => :minutes) WHERE active AND timeout_minutes IS NULL")
                                .setParameter("minutes", minutes)
                                .executeUpdate()))
                .map(x -> new SectionChange(0, 1, 0));
    }
}
