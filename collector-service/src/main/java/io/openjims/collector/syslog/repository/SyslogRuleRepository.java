package io.openjims.collector.syslog.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SyslogRuleRepository implements PanacheRepositoryBase<SyslogRuleEntity, UUID> {

    public Uni<List<SyslogRuleEntity>> listOrdered() {
        return listAll(Sort.by("position").and("name"));
    }

    public Uni<SyslogRuleEntity> findByName(String name) {
        return find("name", name).firstResult();
    }
}
