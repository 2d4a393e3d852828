package io.openjims.support.transfer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openjims.support.api.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import org.jboss.logging.Logger;

/** Export and import for the service's {@link ConfigTransferBackend}; an import is applied in one transaction. */
@ApplicationScoped
public class ConfigTransferService {

    private static final Logger LOG = Logger.getLogger(ConfigTransferService.class);

    private final Instance<ConfigTransferBackend> backends;
    private volatile ConfigTransfer transfer;

    public ConfigTransferService(Instance<ConfigTransferBackend> backends) {
        this.backends = backends;
    }

    private ConfigTransferBackend backend() {
        if (!backends.isResolvable()) {
            throw new ApiException(404, "not_found", "this service has no configuration to export or import yet");
        }
        return backends.get();
    }

    private ConfigTransfer transfer(ConfigTransferBackend backend) {
        ConfigTransfer t = transfer;
        if (t == null) {
            t = new ConfigTransfer(backend.service(), backend.sections());
            transfer = t;
        }
        return t;
    }

    public String service() {
        return backend().service();
    }

    public Uni<ObjectNode> export(List<String> sections, String passphrase) {
        ConfigTransferBackend backend = backend();
        ConfigTransfer t = transfer(backend);
        return backend.inSession(() -> t.export(sections, passphrase));
    }

    public Uni<ConfigImportReport> importDocument(ConfigTransfer.ImportRequest request) {
        ConfigTransferBackend backend = backend();
        ConfigTransfer t = transfer(backend);
        ConfigTransfer.ImportPlan plan = t.plan(request);
        if (!plan.ready() || plan.dryRun()) {
            return Uni.createFrom().item(ConfigImportReport.of(plan, null));
        }
        return backend.inTransaction(() -> t.apply(plan))
                .call(changes -> t.afterApply(plan))
                .map(changes -> {
                    LOG.infof("Configuration imported (%s): %s", plan.partial() ? "partial" : "full", changes);
                    return ConfigImportReport.of(plan, changes);
                });
    }
}
