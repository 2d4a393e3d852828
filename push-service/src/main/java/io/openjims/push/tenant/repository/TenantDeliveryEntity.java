package io.openjims.push.tenant.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The delivery status of a tenant (table {@code push.tenant_delivery}), as the admin API shows it. The delivery
 * worker writes this table with native SQL; this entity only reads it and creates the row.
 */
@Entity
@Table(name = "tenant_delivery")
public class TenantDeliveryEntity {

    @Id
    @Column(name = "tenant_id")
    public UUID tenantId;

    @Column(nullable = false)
    public String status;

    @Column(name = "last_push_at")
    public Instant lastPushAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "last_error_at")
    public Instant lastErrorAt;

    @Column(nullable = false)
    public long lag;

    @Column(name = "delivered_items", nullable = false)
    public long deliveredItems;

    @Column(name = "delivered_batches", nullable = false)
    public long deliveredBatches;

    @Column(name = "failed_attempts", nullable = false)
    public long failedAttempts;
}
