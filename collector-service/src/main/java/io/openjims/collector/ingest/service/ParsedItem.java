package io.openjims.collector.ingest.service;

/** An item read from a request document: either an item to validate, or why it could not even be read. */
public record ParsedItem(IngestItem item, String error) {

    public static ParsedItem of(IngestItem item) {
        return new ParsedItem(item, null);
    }

    public static ParsedItem unreadable(String error) {
        return new ParsedItem(null, error);
    }
}
