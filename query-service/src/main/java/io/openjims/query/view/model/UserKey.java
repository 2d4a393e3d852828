package io.openjims.query.view.model;

/** A user as the view keys it: DNS domain (lower case, may be null) and lower-case account name. */
public record UserKey(String domain, String userLc) {}
