package io.openjims.query.view.model;

/** One stored ignore rule; {@link #tag()} names it in {@code openjims_query_events_ignored_total{rule}}. */
public record IgnoreRule(String id, String kind, String pattern) {
    public String tag() {
        return kind + ":" + pattern;
    }
}
