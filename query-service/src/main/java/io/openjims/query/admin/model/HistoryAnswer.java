package io.openjims.query.admin.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Who held an address at a time: {@code held} is false when nobody did (as far as the retained change log knows);
 * otherwise the user, domain and roles of the entry, since when, and the change-log sequence it comes from.
 */
// snake_case on the wire, as docs/api.md and the openjims tool read it.
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryAnswer(
        String ip,
        String at,
        boolean held,
        String domain,
        String user,
        List<String> roles,
        String since,
        String until,
        Long changeSeq) {}
