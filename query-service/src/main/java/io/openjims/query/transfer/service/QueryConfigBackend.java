package io.openjims.query.transfer.service;

import io.openjims.support.transfer.ConfigSection;
import io.openjims.support.transfer.ConfigTransferBackend;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** query-service's configuration sections for {@code /api/admin/config}: {@code api_clients}, {@code settings},
 * {@code ignore_rules}. */
@ApplicationScoped
public class QueryConfigBackend implements ConfigTransferBackend {

    private final List<ConfigSection> sections;

    public QueryConfigBackend(ApiClientsSection clients, SettingsSection settings, IgnoreRulesSection ignoreRules) {
        this.sections = List.of(clients, settings, ignoreRules);
    }

    @Override
    public String service() {
        return "query";
    }

    @Override
    public List<ConfigSection> sections() {
        return sections;
    }
}
