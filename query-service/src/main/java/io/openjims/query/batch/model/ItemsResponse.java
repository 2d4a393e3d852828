package io.openjims.query.batch.model;

import java.util.List;

/** Answer to an IP or user query: one logon item per active address (none when unknown). */
public record ItemsResponse(List<QueryItem> items) {}
