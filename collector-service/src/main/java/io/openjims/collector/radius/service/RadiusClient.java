package io.openjims.collector.radius.service;

import io.openjims.collector.ingest.service.ProducerScope;
import java.time.Instant;

/**
 * A RADIUS accounting client as the admin API shows it: never its secret.
 *
 * @param address canonical IP address or CIDR prefix the NAS sends from
 * @param domain the domain given to user names that carry none, or null
 */
public record RadiusClient(
        String id,
        String name,
        String address,
        String domain,
        ProducerScope scope,
        Instant createdAt,
        Instant updatedAt) {}
