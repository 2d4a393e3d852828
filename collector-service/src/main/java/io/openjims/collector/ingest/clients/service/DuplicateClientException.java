package io.openjims.collector.ingest.clients.service;

/** An ingest client with that name exists already. */
public class DuplicateClientException extends RuntimeException {

    public DuplicateClientException(String name) {
        super("an ingest client named '" + name + "' exists already; choose another name", null, false, false);
    }
}
