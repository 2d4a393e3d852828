package io.openjims.query.batch.model;

import java.util.List;

/** Answer to a batch query: the next cookie, whether more changes wait, and the items in change order. */
public record BatchResponse(String cookie, boolean more, List<QueryItem> items) {}
