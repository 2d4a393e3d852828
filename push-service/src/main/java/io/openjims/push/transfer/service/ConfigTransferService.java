package io.openjims.push.transfer.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openjims.support.transfer.ConfigImportReport;
import io.openjims.support.transfer.ConfigTransfer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/** Export and import of push-service's configuration (section {@code tenants}); an import is one transaction. */
@ApplicationScoped
public class ConfigTransferService {

    public static final String SERVICE = "push";
    private static final Logger LOG = Logger.getLogger(ConfigTransferService.class);

    private final ConfigTransfer transfer;

    public ConfigTransferService(TenantsSection tenants) {
        this.transfer = new ConfigTransfer(SERVICE, List.of(tenants));
    }

    @WithSession
    public Uni<ObjectNode> export(List<String> sections, String passphrase) {
        return transfer.export(sections, passphrase);
    }

    public Uni<ConfigImportReport> importDocument(ConfigTransfer.ImportRequest request) {
        ConfigTransfer.ImportPlan plan = transfer.plan(request);
        if (!plan.ready() || plan.dryRun()) {
            return Uni.createFrom().item(ConfigImportReport.of(plan, null));
        }
        return Panache.withTransaction(() -> transfer.apply(plan)).map(changes -> {
            LOG.infof("Configuration imported: %s", changes);
            return ConfigImportReport.of(plan, changes);
        });
    }
}
