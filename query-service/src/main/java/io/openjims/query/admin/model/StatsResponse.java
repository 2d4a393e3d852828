package io.openjims.query.admin.model;

/** Counts of the view: known domains, directory users, devices and groups, and active sessions. */
public record StatsResponse(long domains, long users, long devices, long groups, long sessions) {}
