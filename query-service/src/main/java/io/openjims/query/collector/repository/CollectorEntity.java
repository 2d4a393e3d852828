package io.openjims.query.collector.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The latest heartbeat of one collector (table {@code query.collector}). */
@Entity
@Table(name = "collector")
public class CollectorEntity {

    @Id
    @Column(name = "collector_id")
    public String collectorId;

    @Column(name = "version")
    public String version;

    @Column(name = "state", nullable = false)
    public String state;

    @Column(name = "description")
    public String description;

    @Column(name = "last_update", nullable = false)
    public Instant lastUpdate;
}
