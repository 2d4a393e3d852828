package io.openjims.support.jwt;

import java.time.Instant;

/** Tokens of {@code subject} (a client id) whose secret was set before {@code notBefore} are refused. */
public record Revocation(String subject, Instant notBefore) {}
