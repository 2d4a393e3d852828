package io.openjims.query.admin.model;

import java.util.List;

/** One page of active sessions: {@code total} matches in all, {@code page} counts from 0. */
public record SessionPage(long total, int page, int size, List<SessionView> items) {}
