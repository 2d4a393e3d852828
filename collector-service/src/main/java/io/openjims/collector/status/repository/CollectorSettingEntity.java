package io.openjims.collector.status.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One admin-set collector setting (schema {@code collector}, table {@code collector_setting}). */
@Entity
@Table(name = "collector_setting")
public class CollectorSettingEntity {

    @Id
    @Column(name = "name")
    public String name;

    @Column(name = "value", nullable = false)
    public String value;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
