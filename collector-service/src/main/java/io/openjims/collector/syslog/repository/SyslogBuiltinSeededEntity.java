package io.openjims.collector.syslog.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A built-in rule that was seeded once (table {@code collector.syslog_builtin_seeded}). */
@Entity
@Table(name = "syslog_builtin_seeded")
public class SyslogBuiltinSeededEntity {

    @Id
    @Column(name = "name")
    public String name;

    @Column(name = "seeded_at", nullable = false)
    public Instant seededAt;
}
