package io.openjims.collector.syslog.service;

import io.openjims.collector.ingest.service.ProducerScope;

/**
 * What a syslog sender's events may claim: the scope of a named sender ({@code openjims.collector.syslog.senders}),
 * or {@link #UNRESTRICTED} for plain {@code allowed-senders} entries and an open listener.
 *
 * @param name the configured sender name (the {@code sender} tag of out-of-scope counts); null when unrestricted
 */
public record SenderScope(String name, ProducerScope scope) {

    public static final SenderScope UNRESTRICTED = new SenderScope(null, ProducerScope.UNRESTRICTED);
}
