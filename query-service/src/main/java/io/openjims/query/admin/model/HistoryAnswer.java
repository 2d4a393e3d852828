package io.openjims.query.admin.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Who held an address at a time: {@code held} is false when nobody did (as far as the retained change log knows);
 * otherwise the user, domain and roles of the entry, since when, and the change-log sequence it comes from.
 */
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
