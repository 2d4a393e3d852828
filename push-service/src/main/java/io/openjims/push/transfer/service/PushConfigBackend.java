package io.openjims.push.transfer.service;

import io.openjims.support.transfer.ConfigSection;
import io.openjims.support.transfer.ConfigTransferBackend;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** push-service's configuration sections for {@code /api/admin/config}: {@code tenants}. */
@ApplicationScoped
public class PushConfigBackend implements ConfigTransferBackend {

    private final List<ConfigSection> sections;

    public PushConfigBackend(TenantsSection tenants) {
        this.sections = List.of(tenants);
    }

    @Override
    public String service() {
        return "push";
    }

    @Override
    public List<ConfigSection> sections() {
        return sections;
    }
}
