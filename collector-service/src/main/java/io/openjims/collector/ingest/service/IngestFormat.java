package io.openjims.collector.ingest.service;

import io.openjims.model.contract.SourceKinds;

/** The HTTP ingest formats; {@link #kind()} is the event's {@code source.producer_kind}. */
public enum IngestFormat {
    JSON(SourceKinds.JSON),
    SRX_WEBAPI(SourceKinds.SRX_WEBAPI),
    PAN_USERID(SourceKinds.PAN_USERID);

    private final String kind;

    IngestFormat(String kind) {
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
