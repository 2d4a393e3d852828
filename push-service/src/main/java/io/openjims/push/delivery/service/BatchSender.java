package io.openjims.push.delivery.service;

import io.openjims.push.delivery.model.PushBatch;
import io.openjims.push.delivery.model.PushStats;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sends a tenant's batches over HTTPS: each until the tenant acknowledges it with a 2xx, with the same id on every
 * attempt, backing off between attempts. The transport is rebuilt when the tenant's settings change.
 */
final class BatchSender {

    private static final Logger LOG = Logger.getLogger(BatchSender.class);

    private final DeliveryRow row;
    private final WorkerOptions options;
    private final WorkerControl control;
    private final LagMeter lag;
    private TenantTransport transport;
    private long transportVersion = Long.MIN_VALUE;
    private String transportError;

    BatchSender(DeliveryRow row, WorkerOptions options, WorkerControl control, LagMeter lag) {
        this.row = row;
        this.options = options;
        this.control = control;
        this.lag = lag;
    }

    /** Sends until the tenant acknowledges with a 2xx; the same id on every attempt. */
    void send(UUID batchId, List<byte[]> items, PushStats stats, long generation) {
        int attempt = 0;
        while (true) {
            control.checkInterrupts(generation);
            TenantSettings s = control.settings();
            SendResult result;
            TenantTransport t = transport(s);
            if (t == null) {
                result = SendResult.failed(0, transportError);
            } else {
                byte[] body = BatchBody.write(
                        PushBatch.SCHEMA_VERSION, s.name(), batchId.toString(), Instant.now(), items, stats);
                result = t.send(body, batchId);
            }
            if (result.acknowledged()) {
                if (attempt > 0) {
                    LOG.infof("Batch %s delivered to %s after %d failed attempts", batchId, s.name(), attempt);
                }
                return;
            }
            attempt++;
            if (attempt == 1 || attempt % 10 == 0) {
                LOG.warnf("Push of batch %s to %s failed (attempt %d): %s", batchId, s.name(), attempt, result.error());
            }
            WorkerControl.requireOwned(row.recordFailure(result.error(), Instant.now()), WorkerControl.LOST_TENANT);
            lag.refresh(false);
            if (lag.livePastHorizon(options.tombstoneRetention())) {
                // Down longer than tombstones are kept: the changes after the position may have lost deletions.
                throw new WorkerControl.HorizonPassed();
            }
            if (control.await(options.backoff().delay(attempt), s.configVersion())) {
                attempt = 0;
            }
        }
    }

    private TenantTransport transport(TenantSettings s) {
        if (transportVersion != s.configVersion()) {
            transportVersion = s.configVersion();
            if (transport != null) {
                transport.close();
            }
            try {
                transport = TenantTransport.create(
                        s,
                        options.connectTimeout(),
                        options.requestTimeout(),
                        options.endpointPolicy(),
                        options.maxResponseBytes());
                transportError = null;
            } catch (IllegalArgumentException e) {
                transport = null;
                transportError = e.getMessage();
            }
        }
        return transport;
    }
}
