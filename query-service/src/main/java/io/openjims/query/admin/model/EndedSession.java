package io.openjims.query.admin.model;

/** The answer to ending a session: whose session at {@code ip} was ended. */
public record EndedSession(String ip, String domain, String user, boolean ended) {}
