package io.openjims.query.admin.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The current mapping of an address and the recent events that decided it, newest first. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExplainAnswer(
        @JsonProperty("ip") String ip,
        @JsonProperty("active") boolean active,
        @JsonProperty("domain") String domain,
        @JsonProperty("user") String user,
        @JsonProperty("source") String source,
        @JsonProperty("events") List<Event> events) {

    /** One event and the rule applied to it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(
            @JsonProperty("decided_at") String decidedAt,
            @JsonProperty("event_time") String eventTime,
            @JsonProperty("operation") String operation,
            @JsonProperty("domain") String domain,
            @JsonProperty("user") String user,
            @JsonProperty("source") String source,
            @JsonProperty("collector") String collector,
            @JsonProperty("producer") String producer,
            @JsonProperty("session_id") String sessionId,
            @JsonProperty("rule") String rule,
            @JsonProperty("detail") String detail) {}
}
