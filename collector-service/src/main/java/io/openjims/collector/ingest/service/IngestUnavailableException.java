package io.openjims.collector.ingest.service;

/** Kafka did not acknowledge a batch in time (or is known to be down); the client should retry later. */
public class IngestUnavailableException extends RuntimeException {

    public IngestUnavailableException(String message) {
        super(message, null, false, false);
    }
}
