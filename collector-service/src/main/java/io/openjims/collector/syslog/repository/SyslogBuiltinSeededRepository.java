package io.openjims.collector.syslog.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class SyslogBuiltinSeededRepository implements PanacheRepositoryBase<SyslogBuiltinSeededEntity, String> {}
