package io.openjims.collector.ingest.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.openjims.collector.ingest.service.IngestResult;
import java.util.List;

/** {@code {"accepted": N, "rejected": [{"index": i, "error": "..."}]}}. */
public record IngestResponse(
        @JsonProperty("accepted") int accepted,
        @JsonProperty("rejected") List<Rejected> rejected) {

    public record Rejected(
            @JsonProperty("index") int index,
            @JsonProperty("error") String error) {}

    public static IngestResponse of(IngestResult result) {
        return new IngestResponse(
                result.accepted(),
                result.rejected().stream()
                        .map(rejection -> new Rejected(rejection.index(), rejection.error()))
                        .toList());
    }
}
