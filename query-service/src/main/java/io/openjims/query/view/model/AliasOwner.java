package io.openjims.query.view.model;

/** A DNS domain that claims an alias, and the collector site whose directory claims it ('' = unknown). */
public record AliasOwner(String domain, String site) {}
