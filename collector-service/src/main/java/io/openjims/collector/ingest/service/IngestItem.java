package io.openjims.collector.ingest.service;

import io.openjims.model.Device;
import java.util.List;

/**
 * One identity observation as a producer sent it, before validation. Text fields are taken as sent; {@code timeout}
 * is in minutes.
 */
public record IngestItem(
        String operation,
        String ip,
        String user,
        String domain,
        String timestamp,
        Long timeout,
        Device device,
        String posture,
        List<String> roles) {}
