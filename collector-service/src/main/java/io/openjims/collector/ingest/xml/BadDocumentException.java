package io.openjims.collector.ingest.xml;

/** A request document that cannot be read at all (not well-formed, DTD, wrong root element); the message says why. */
public class BadDocumentException extends RuntimeException {

    public BadDocumentException(String message) {
        super(message, null, false, false);
    }
}
