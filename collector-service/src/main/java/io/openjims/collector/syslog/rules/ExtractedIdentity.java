package io.openjims.collector.syslog.rules;

import io.openjims.model.Operation;
import java.time.Instant;

/**
 * What a rule read from a message, normalised: user and domain split, IP validated.
 *
 * @param timestamp the time the message states (rule group, else syslog header), or null
 */
public record ExtractedIdentity(
        Operation operation, String user, String domain, String ip, String device, Instant timestamp) {}
