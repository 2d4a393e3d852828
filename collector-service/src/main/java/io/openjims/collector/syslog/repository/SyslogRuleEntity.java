package io.openjims.collector.syslog.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A stored syslog parsing rule (table {@code collector.syslog_rule}). */
@Entity
@Table(name = "syslog_rule")
public class SyslogRuleEntity {

    @Id
    @Column(name = "id")
    public UUID id;

    @Column(name = "name", nullable = false, unique = true)
    public String name;

    @Column(name = "position", nullable = false)
    public int position;

    @Column(name = "operation", nullable = false)
    public String operation;

    @Column(name = "condition_type", nullable = false)
    public String conditionType;

    @Column(name = "match_condition", nullable = false)
    public String condition;

    @Column(name = "pattern", nullable = false)
    public String pattern;

    @Column(name = "exclude_pattern")
    public String exclude;

    @Column(name = "skip_users")
    public String skipUsers;

    @Column(name = "enabled", nullable = false)
    public boolean enabled;

    @Column(name = "builtin", nullable = false)
    public boolean builtin;

    @Column(name = "modified", nullable = false)
    public boolean modified;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
