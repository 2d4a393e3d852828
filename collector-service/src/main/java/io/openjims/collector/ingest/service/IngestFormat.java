package io.openjims.collector.ingest.service;

/** The HTTP ingest formats; {@link #kind()} is the event's {@code source.producer_kind}. */
public enum IngestFormat {
    JSON("json"),
    SRX_WEBAPI("srx-webapi"),
    PAN_USERID("pan-userid");

    private final String kind;

    IngestFormat(String kind) {
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
