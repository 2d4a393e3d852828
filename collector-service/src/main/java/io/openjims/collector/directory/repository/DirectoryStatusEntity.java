package io.openjims.collector.directory.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Sync status of a directory (table {@code collector.directory_status}), written by the sync, read by the API. */
@Entity
@Table(name = "directory_status")
public class DirectoryStatusEntity {

    @Id
    @Column(name = "source_id")
    public UUID sourceId;

    @Column(name = "last_attempt")
    public Instant lastAttempt;

    @Column(name = "last_successful_sync")
    public Instant lastSuccessfulSync;

    @Column(name = "last_full_sync")
    public Instant lastFullSync;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "users")
    public int users;

    @Column(name = "groups")
    public int groups;

    @Column(name = "devices")
    public int devices;

    @Column(name = "last_duration_ms")
    public Long lastDurationMs;
}
