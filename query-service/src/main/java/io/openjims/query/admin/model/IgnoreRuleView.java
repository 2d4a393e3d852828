package io.openjims.query.admin.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A stored ignore rule; {@code metric_rule} is its tag in {@code openjims_query_events_ignored_total{rule}}. */
public record IgnoreRuleView(
        @JsonProperty("id") String id,
        @JsonProperty("kind") String kind,
        @JsonProperty("pattern") String pattern,
        @JsonProperty("description") String description,
        @JsonProperty("metric_rule") String metricRule,
        @JsonProperty("created_at") String createdAt) {}
