package io.openjims.query.admin.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An ignore rule as an admin writes it: {@code kind} {@code user} (glob) or {@code address} (IP or CIDR). */
public record IgnoreRuleBody(
        @JsonProperty("kind") String kind,
        @JsonProperty("pattern") String pattern,
        @JsonProperty("description") String description) {}
