package io.openjims.collector.transfer.service;

import io.openjims.support.transfer.ConfigSection;
import io.openjims.support.transfer.ConfigTransferBackend;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * collector-service's configuration sections for {@code /api/admin/config}: {@code directories},
 * {@code syslog_rules}, {@code ingest_clients}, {@code radius_clients}, {@code settings}.
 */
@ApplicationScoped
public class CollectorConfigBackend implements ConfigTransferBackend {

    private final List<ConfigSection> sections;

    public CollectorConfigBackend(
            DirectoriesSection directories,
            SyslogRulesSection rules,
            IngestClientsSection ingestClients,
            RadiusClientsSection radiusClients,
            SettingsSection settings) {
        this.sections = List.of(directories, rules, ingestClients, radiusClients, settings);
    }

    @Override
    public String service() {
        return "collector";
    }

    @Override
    public List<ConfigSection> sections() {
        return sections;
    }
}
