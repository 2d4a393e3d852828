package io.openjims.query.view.model;

import java.time.Instant;

/** A change-log row as written: its sequence number and change time. */
public record StoredChange(long seq, Instant changedAt, ChangeRow change) {}
